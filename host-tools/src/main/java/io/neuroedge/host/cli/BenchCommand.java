package io.neuroedge.host.cli;

import io.neuroedge.host.bench.RuntimeBench;
import io.neuroedge.runtime.engine.EngineOptions;
import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuroedge bench runtime}: synaptic operations per second of the standard networks. */
@Command(name = "bench", description = "Measure performance.", mixinStandardHelpOptions = true,
        subcommands = BenchCommand.Runtime.class)
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "runtime", mixinStandardHelpOptions = true,
            description = {"Synaptic operations per second of the standard networks (dense 784-512-10 and an"
                    + " N-MNIST-shaped conv net) at input densities 1%%, 5%% and 20%%, for the scalar and the vector"
                    + " kernels, with the bytes allocated per step.",
                    "Each figure is the median of several timed rounds after a warm-up."})
    static final class Runtime implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(names = "--network", split = ",", defaultValue = "dense-784-512-10,conv-nmnist",
                description = "Networks to run (default: ${DEFAULT-VALUE}).")
        List<String> networks;

        @Option(names = "--density", split = ",", defaultValue = "0.01,0.05,0.2",
                description = "Input spike densities (default: ${DEFAULT-VALUE}).")
        double[] densities;

        @Option(names = "--path", split = ",", defaultValue = "auto",
                description = "Synaptic paths: auto (chosen per layer by input density), sparse, dense (default: ${DEFAULT-VALUE}).")
        List<EngineOptions.Path> paths;

        @Option(names = "--warmup", defaultValue = "1.0", description = "Warm-up seconds per configuration.")
        double warmup;

        @Option(names = "--round", defaultValue = "0.3", description = "Seconds per timed round.")
        double round;

        @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds per configuration.")
        int rounds;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (double d : densities) {
                if (!(d >= 0 && d <= 1)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--density " + d + " is outside [0, 1]");
                }
            }
            if (warmup < 0 || round <= 0 || rounds < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--warmup must be >= 0, --round > 0 and --rounds >= 1");
            }
            for (String n : networks) {
                RuntimeBench.plan(n);
            }
            List<KernelProvider> kernels = new ArrayList<>();
            kernels.add(KernelProviders.scalar());
            KernelProviders.panama().ifPresentOrElse(kernels::add, () -> spec.commandLine().getErr().println(
                    "note: vector kernels unavailable (" + KernelProviders.fallbackReason() + "); scalar only"));
            List<RuntimeBench.Result> results = new RuntimeBench(warmup, round, rounds).run(networks, densities, kernels, paths);
            if (json) {
                List<Object> rows = new ArrayList<>();
                for (RuntimeBench.Result r : results) {
                    Map<String, Object> row = Json.object();
                    row.put("network", r.network());
                    row.put("density", r.density());
                    row.put("kernel", r.kernel());
                    row.put("path", r.path().name().toLowerCase(java.util.Locale.ROOT));
                    row.put("synops_per_s", Math.round(r.synopsPerSecond()));
                    row.put("steps_per_s", Math.round(r.stepsPerSecond()));
                    row.put("alloc_bytes_per_step", r.allocBytesPerStep());
                    rows.add(row);
                }
                Map<String, Object> doc = Json.object();
                doc.put("vector_bits", KernelProviders.panama().map(KernelProvider::vectorBitSize).orElse(0));
                doc.put("results", rows);
                out.println(Json.render(doc));
            } else {
                out.printf("%-18s %8s %-7s %-7s %16s %12s %12s%n", "network", "density", "kernel", "path", "synops/s",
                        "steps/s", "alloc B/step");
                for (RuntimeBench.Result r : results) {
                    out.printf("%-18s %7.0f%% %-7s %-7s %16.4g %12.0f %12.2f%n", r.network(), r.density() * 100,
                            r.kernel(), r.path().name().toLowerCase(java.util.Locale.ROOT), r.synopsPerSecond(),
                            r.stepsPerSecond(), r.allocBytesPerStep());
                }
                KernelProviders.panama().ifPresent(p -> out.println("vector kernels: " + p.name()));
            }
            out.flush();
            return 0;
        }
    }
}
