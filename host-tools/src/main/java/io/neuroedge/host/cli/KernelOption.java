package io.neuroedge.host.cli;

import io.neuroedge.runtime.simd.KernelProvider;
import io.neuroedge.runtime.simd.KernelProviders;
import picocli.CommandLine.Option;

/** {@code --kernels auto|scalar|vector}, shared by the commands that run an engine. */
final class KernelOption {

    enum Choice { auto, scalar, vector }

    @Option(names = "--kernels", defaultValue = "auto",
            description = "Kernel implementation: auto (vector where available), scalar or vector (default: ${DEFAULT-VALUE}).")
    Choice choice;

    KernelProvider provider() {
        return switch (choice) {
            case auto -> KernelProviders.get();
            case scalar -> KernelProviders.scalar();
            case vector -> KernelProviders.panama().orElseThrow(() -> new IllegalArgumentException(
                    "vector kernels are unavailable: " + KernelProviders.fallbackReason()));
        };
    }
}
