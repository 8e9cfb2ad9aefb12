package io.neuroedge.host.agent;

import io.neuroedge.events.EventArray;
import io.neuroedge.events.EventFormats;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.agent.protocol.EventBatchCodec;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams recordings (any format {@link EventFormats} reads) to an agent as event batches, one
 * window per recording: the last batch of each recording carries {@code close_window}, so the
 * agent answers with one Result for it and resets the engine state before the next recording.
 * Results are matched by the request id of that batch.
 *
 * <p>Pacing: at {@code speed} &gt; 0 a batch is sent when the wall clock reaches its first event's
 * time divided by {@code speed} (recordings follow each other back to back); batches then also end
 * after 1 ms of event time, so batching adds at most that to the latency. At speed 0 ("max") batches
 * go out as fast as the connection is writable.
 */
public final class RecordingStreamer {

    /** Events per batch at most. */
    public static final int BATCH_EVENTS = 4096;
    private static final long PACED_BATCH_SPAN_US = 1000;

    /**
     * One recording's result.
     *
     * @param file      the recording
     * @param predicted the agent's class, -1 for no output spike, -2 if no result arrived
     * @param latencyUs the agent's latency from the window's last event to its decision
     * @param events    events sent
     */
    public record Outcome(Path file, int predicted, long latencyUs, long events) {
    }

    /**
     * @param outcomes       per recording, in streaming order
     * @param eventsSent     events sent
     * @param eventsDropped  events of this connection the agent dropped (full queue)
     * @param seconds        wall time of the stream
     */
    public record Summary(List<Outcome> outcomes, long eventsSent, long eventsDropped, double seconds) {
    }

    private final AgentClient client;
    private final double speed;
    private final Map<Long, Result> results = new ConcurrentHashMap<>();
    private final Object arrived = new Object();
    private final EventBatchCodec.Packer packer = new EventBatchCodec.Packer(BATCH_EVENTS);

    /** @param speed event-time speed-up: 1 = real time, 0 = as fast as possible */
    public RecordingStreamer(AgentClient client, double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = max), got " + speed);
        }
        this.client = client;
        this.speed = speed;
        client.onResult((id, r) -> {
            results.put(id, r);
            synchronized (arrived) {
                arrived.notifyAll();
            }
        });
    }

    /** Streams {@code files} in order and waits (up to {@code resultTimeoutMs}) for every result. */
    public Summary stream(List<Path> files, long resultTimeoutMs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long[] ids = new long[files.size()];
        long[] counts = new long[files.size()];
        long sent = 0;
        long clockStart = System.nanoTime();
        long eventOffsetUs = 0; // event time already streamed by earlier recordings
        for (int i = 0; i < files.size(); i++) {
            EventArray events = EventFormats.open(files.get(i)).readAll(files.get(i));
            ids[i] = client.newRequestId();
            counts[i] = events.size();
            eventOffsetUs = send(events, ids[i], clockStart, eventOffsetUs);
            sent += events.size();
        }
        client.flush();
        awaitResults(ids, resultTimeoutMs);
        double seconds = (System.nanoTime() - start) / 1e9;
        Envelope t = client.request(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()), 10_000);
        List<Outcome> outcomes = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Result r = results.remove(ids[i]);
            outcomes.add(new Outcome(files.get(i), r == null ? -2 : r.getPredicted(), r == null ? -1 : r.getLatencyUs(),
                    counts[i]));
        }
        return new Summary(outcomes, sent, t.getTelemetry().getConnectionEventsDropped(), seconds);
    }

    /** Sends one recording; returns the event-time offset at its end. */
    private long send(EventArray events, long closeId, long clockStart, long offsetUs)
            throws IOException, InterruptedException {
        int n = events.size();
        long t0 = n == 0 ? 0 : events.timeUs(0);
        int i = 0;
        long seq = 0;
        do {
            int end = Math.min(n, i + BATCH_EVENTS);
            if (speed > 0) {
                long limit = events.timeUs(i) + PACED_BATCH_SPAN_US;
                for (int k = i + 1; k < end; k++) {
                    if (events.timeUs(k) >= limit) {
                        end = k;
                        break;
                    }
                }
                long dueNanos = clockStart + (long) ((offsetUs + events.timeUs(i) - t0) * 1000 / speed);
                waitUntil(dueNanos);
            }
            boolean last = end >= n;
            client.send(batch(events, i, end, seq++, last), last ? closeId : 0);
            if (speed > 0) {
                client.flush();
            }
            i = end;
        } while (i < n);
        return n == 0 ? offsetUs : offsetUs + events.timeUs(n - 1) - t0 + 1;
    }

    private void waitUntil(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            client.flush();
            LockSupport.parkNanos(wait);
        }
    }

    /** Events {@code [from, to)} as one batch (through the protocol's one codec). */
    private EventBatch batch(EventArray events, int from, int to, long sequence, boolean closeWindow) {
        for (int i = from; i < to; i++) {
            packer.event(events.x(i), events.y(i), events.polarity(i), events.timeUs(i));
        }
        return packer.build(0, sequence, closeWindow);
    }

    private void awaitResults(long[] ids, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (arrived) {
            for (long id : ids) {
                while (!results.containsKey(id)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !client.isOpen()) {
                        return; // missing results are reported as -2
                    }
                    arrived.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
    }
}
