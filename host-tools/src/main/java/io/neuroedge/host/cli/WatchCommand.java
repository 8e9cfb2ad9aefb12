package io.neuroedge.host.cli;

import io.neuroedge.host.agent.AgentClient;
import io.neuroedge.host.agent.ConnectionOptions;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.agent.Telemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code neuroedge watch}: prints an agent's live results and telemetry. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Prints a device agent's results (one line per window) and telemetry (one line per period) as they arrive.")
final class WatchCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: until interrupted).")
    Double seconds;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = connection.connect(true, false)) {
            var active = client.agentHello().getActiveProgram();
            if (!json) {
                out.println("agent " + connection.address() + ": " + client.agentHello().getBoard().getArch() + ", "
                        + client.agentHello().getBoard().getCores() + " cores; program "
                        + (active.getName().isEmpty() ? "none" : active.getName() + " v" + active.getVersion()));
                out.flush();
            }
            CountDownLatch closed = new CountDownLatch(1);
            client.channel().closeFuture().addListener(f -> closed.countDown());
            client.onResult((id, r) -> print(out, r));
            client.onTelemetry(t -> print(out, t));
            if (seconds != null) {
                closed.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            } else {
                closed.await();
            }
        }
        return 0;
    }

    private synchronized void print(PrintWriter out, Result r) {
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("type", "result");
            doc.put("window", r.getWindow());
            doc.put("predicted", r.getPredicted());
            doc.put("latency_us", r.getLatencyUs());
            doc.put("events", r.getEvents());
            doc.put("steps", r.getSteps());
            doc.put("window_end_us", r.getWindowEndUs());
            doc.put("scores", r.getScoresList());
            doc.put("spike_counts", r.getSpikeCountsList());
            out.println(Json.render(doc));
        } else {
            out.printf("result  window %d: class %s, %d events, %d steps, latency %.3f ms, spikes %s%n", r.getWindow(),
                    r.getPredicted() < 0 ? "(none)" : r.getPredicted(), r.getEvents(), r.getSteps(),
                    r.getLatencyUs() / 1000.0, r.getSpikeCountsList());
        }
        out.flush();
    }

    private synchronized void print(PrintWriter out, Telemetry t) {
        if (json) {
            Map<String, Object> doc = Json.object();
            doc.put("type", "telemetry");
            doc.put("events_in", t.getEventsIn());
            doc.put("events_dropped", t.getEventsDropped());
            doc.put("queue_depth", t.getQueueDepth());
            doc.put("steps_per_s", t.getStepsPerS());
            doc.put("latency_p50_us", t.getLatencyP50Us());
            doc.put("latency_p99_us", t.getLatencyP99Us());
            doc.put("memory_bytes", t.getMemoryBytes());
            doc.put("cpu_percent", t.getCpuPercent());
            doc.put("results_dropped", t.getResultsDropped());
            doc.put("learner_bytes", t.getLearnerBytes());
            doc.put("learned_windows", t.getLearnedWindows());
            doc.put("events_filtered", t.getEventsFiltered());
            out.println(Json.render(doc));
        } else {
            out.printf("telemetry  in %d, dropped %d, queue %d, %.0f steps/s, latency p50 %d us p99 %d us, heap %d MiB, cpu %.0f%%%n",
                    t.getEventsIn(), t.getEventsDropped(), t.getQueueDepth(), t.getStepsPerS(), t.getLatencyP50Us(),
                    t.getLatencyP99Us(), t.getMemoryBytes() >> 20, t.getCpuPercent());
        }
        out.flush();
    }
}
