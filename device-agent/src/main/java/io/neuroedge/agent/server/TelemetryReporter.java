package io.neuroedge.agent.server;

import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.engine.LatencyHistogram;
import io.neuroedge.proto.agent.Telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Builds {@link Telemetry} from the engine loop's counters. {@link #tick} (one scheduler thread)
 * computes the rates and latency percentiles over the period since the previous tick and keeps
 * the result; {@link #latest} returns it with fresh totals, from any thread.
 */
final class TelemetryReporter {

    private final EngineLoop engine;
    private final Subscribers subscribers;
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long lastTickNanos = System.nanoTime();
    private long lastSteps;
    private long[] lastLatency;
    private volatile Telemetry lastRates = Telemetry.getDefaultInstance();

    TelemetryReporter(EngineLoop engine, Subscribers subscribers) {
        this.engine = engine;
        this.subscribers = subscribers;
    }

    /** Scheduler thread: recomputes rates and percentiles, returns the full report. */
    synchronized Telemetry tick() {
        long now = System.nanoTime();
        long steps = engine.steps();
        long[] lat = engine.latency().snapshot();
        double seconds = Math.max(1e-9, (now - lastTickNanos) / 1e9);
        Telemetry.Builder t = Telemetry.newBuilder()
                .setStepsPerS((float) ((steps - lastSteps) / seconds))
                .setLatencyP50Us((int) LatencyHistogram.percentile(lat, lastLatency, 0.50))
                .setLatencyP99Us((int) LatencyHistogram.percentile(lat, lastLatency, 0.99));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            if (load >= 0) {
                t.setCpuPercent((float) (load * 100 * Runtime.getRuntime().availableProcessors()));
            }
        }
        lastTickNanos = now;
        lastSteps = steps;
        lastLatency = lat;
        lastRates = t.build();
        return latest();
    }

    /** Any thread: the last rates with current totals. */
    Telemetry latest() {
        Runtime rt = Runtime.getRuntime();
        return lastRates.toBuilder()
                .setEventsIn(engine.eventsIn())
                .setEventsDropped(engine.eventsDropped())
                .setQueueDepth(engine.queueDepth())
                .setMemoryBytes(rt.totalMemory() - rt.freeMemory())
                .setResultsDropped(subscribers.dropped())
                .setLearnerBytes(engine.learnerBytes())
                .setLearnedWindows(engine.learnedWindows())
                .setEventsFiltered(engine.eventsFiltered())
                .build();
    }
}
