package io.neuroedge.runtime.program;

/**
 * What a device accepts. The loader rejects a program that exceeds any of these before it
 * allocates the program's state, so a hostile file cannot exhaust memory.
 *
 * @param maxFileBytes    largest serialized program
 * @param maxLayers       most layers
 * @param maxLayerSize    most elements in any layer's input or output
 * @param maxTotalBytes   most bytes of weights + state + scratch the engine may allocate
 */
public record ProgramLimits(long maxFileBytes, int maxLayers, int maxLayerSize, long maxTotalBytes) {

    /** Generous limits for a host or a 4 GiB board. */
    public static final ProgramLimits DEFAULT = new ProgramLimits(256L << 20, 256, 1 << 24, 1L << 30);

    public ProgramLimits {
        if (maxFileBytes <= 0 || maxLayers <= 0 || maxLayerSize <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
