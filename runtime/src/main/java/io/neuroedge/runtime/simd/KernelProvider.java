package io.neuroedge.runtime.simd;

import io.neuroedge.runtime.program.NeuronParams;

/**
 * The fixed-point kernels the engine is built from. {@link ScalarKernels} is the executable
 * definition of their semantics (docs/spike-program.md); every other implementation must be
 * bit-exact with it for every input the program verifier admits.
 *
 * <p>Implementations are stateless and thread-safe, and allocate nothing per call. Obtain the
 * process-wide choice with {@link KernelProviders#get()}.
 */
public interface KernelProvider {

    /** Short name for logs and reports, e.g. {@code "scalar"} or {@code "panama-512"}. */
    String name();

    /** Vector width in bits, or 0 for the scalar implementation. */
    int vectorBitSize();

    /**
     * Dot product of two int8 runs: {@code sum(a[aOff+i] * b[bOff+i])} for {@code i < len}, in
     * 32-bit two's complement (callers bound {@code len} so it cannot overflow).
     */
    int dotI8(byte[] a, int aOff, byte[] b, int bOff, int len);

    /**
     * Dense int8 matrix times vector:
     * {@code out[outOff + r] = dot(w[wOff + r*cols ..+cols), x[xOff ..+cols))} for {@code r < rows}.
     * Overwrites those entries of {@code out}.
     */
    void gemvI8(byte[] w, int wOff, int rows, int cols, byte[] x, int xOff, int[] out, int outOff);

    /** Scaled int8 row accumulate: {@code acc[accOff+i] += c * w[wOff+i]} for {@code i < len}. */
    void axpyI8(int[] acc, int accOff, byte[] w, int wOff, int len, int c);

    /**
     * Writes the indices {@code i - off} of the non-zero elements of {@code x[off .. off+len)} to
     * {@code indices} in ascending order and returns how many there are. {@code indices} must hold
     * {@code len} entries.
     */
    int nonZeroIndices(byte[] x, int off, int len, int[] indices);

    /**
     * One time step of a neuron population of {@code n} neurons, in place (see
     * docs/spike-program.md, "Neuron step"): integrates {@code synaptic[k]} into the state, leaks,
     * saturates, applies the floor, compares with the threshold and resets.
     *
     * @param p         the population's parameters (per-neuron arrays of length {@code n})
     * @param synaptic  this step's synaptic sums, unshifted; left unchanged
     * @param membrane  membrane state, updated
     * @param current   synaptic-current state (CUBA_LIF only; may be null otherwise), updated
     * @param spikes    output: 1 where the neuron spiked, else 0
     * @return the number of spikes
     */
    int neuronStep(NeuronParams p, int[] synaptic, int[] membrane, int[] current, byte[] spikes, int n);

    /** The float kernels of the learners, from the same implementation family (scalar or vector). */
    FloatKernels floats();
}
