package io.neuroedge.runtime.simd;

/**
 * The float kernels of the host trainer and the on-device learner's float masters (runtime.learn):
 * the loops that dominate a training step. Unlike the fixed-point kernels these are not bit-exact
 * across implementations — vector versions fuse multiply-adds and sum in a different order — but
 * each implementation is deterministic, so a run on one machine with one provider is reproducible.
 *
 * <p>Implementations are stateless and thread-safe, and allocate nothing per call. Obtain them
 * with {@code KernelProviders.get().floats()}.
 */
public interface FloatKernels {

    /**
     * Errors smaller than this in magnitude are flushed to zero where they arise: products of tiny
     * softmax and surrogate values otherwise become subnormal floats, which x86 multiplies about a
     * hundred times slower (a Fashion-MNIST run slowed from 9 to 84 s per epoch). Far below any
     * error that moves a weight.
     */
    float TINY = 1e-30f;

    /**
     * Adds rows of a row-major {@code [*][n]} matrix: {@code acc[j] += Σ_k w[rows[k]·n + j]} for
     * {@code k < count}, {@code j < n} (a binary input selects the weight rows of its active entries).
     */
    void addRows(float[] w, int[] rows, int count, int n, float[] acc);

    /** {@code acc[accOff + j] += c · x[xOff + j]} for {@code j < n}. */
    void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int n);

    /** {@code Σ a[aOff + j] · b[bOff + j]} for {@code j < n}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * Row-major {@code [rows][n]} matrix times vector: {@code out[i] = Σ_j m[i·n + j] · x[j]} for
     * {@code i < rows} (the spatial error through a layer stored {@code [in][out]}).
     */
    void matVec(float[] m, int rows, int n, float[] x, float[] out);

    /** {@code trace[j] = a · trace[j] + x[j]} for {@code j < n}. */
    void decay(float a, float[] trace, float[] x, int n);

    /** {@code trace[j] = a · (trace[j] − x[j])} for {@code j < n} (STOP's threshold trace). */
    void decayDifference(float a, float[] trace, float[] x, int n);

    /** {@code acc[j] += a[j] · (b[j] + c)} for {@code j < n}. */
    void addProduct(float[] a, float[] b, float c, float[] acc, int n);

    /**
     * The spatial error through the exponential surrogate:
     * {@code delta[j] = g[j] · exp(−|u[j] − θ[j]|)} for {@code j < n}, flushed to 0 below {@link #TINY}.
     */
    void expSurrogateError(float[] u, float[] theta, float[] g, float[] delta, int n);

    /**
     * Rank-{@code terms} update of a row-major {@code [rows][n]} matrix:
     * {@code m[i·n + j] += Σ_k c[k][i] · d[k][j]} for {@code i < rows}, {@code k < terms},
     * {@code j < n}, skipping rows whose coefficients are all zero. The weight gradient of several
     * time steps at once, so that each gradient row is loaded and stored once for all of them.
     */
    void rankUpdate(float[][] c, float[][] d, int terms, int rows, int n, float[] m);

    /**
     * A cross-correlation as a matrix product over shifted rows of a padded input:
     * {@code out[r·outStride + p] += Σ_q a[r·depth + q] · b[bOff[q] + p]} for {@code r < rows},
     * {@code q < depth}, {@code p < n}. With {@code a} a convolution's weights {@code [out][in·k·k]}
     * and {@code bOff[q]} the start of input channel {@code c} shifted by the tap {@code (ky, kx)},
     * this is the whole layer, each output row written at the padded input's width.
     */
    void correlate(float[] a, int rows, int depth, float[] b, int[] bOff, float[] out, int outStride, int n);

    /**
     * The weight gradient of {@link #correlate}:
     * {@code m[r·depth + q] += Σ_p g[r·gStride + p] · b[bOff[q] + p]} for {@code r < rows},
     * {@code q < depth}, {@code p < n}.
     */
    void correlateGrad(float[] g, int rows, int gStride, float[] b, int[] bOff, int depth, int n, float[] m);

    /** {@code x[j] = exp(−|x[j]|)} for {@code j < n} (the exponential surrogate derivative). */
    void expNegAbs(float[] x, int n);

    /**
     * A decaying trace: {@code trace[j] = a · trace[j] + x[j]} for {@code j < n}; writes the indices
     * of the non-zero results to {@code nz} in ascending order and returns their number.
     */
    int decayAdd(float a, float[] trace, float[] x, int n, int[] nz);

    /**
     * One step of {@code n} LIF neurons with soft reset and per-neuron thresholds: {@code u} holds
     * this step's synaptic current and becomes the pre-reset membrane {@code U = a·v + u}; spikes
     * {@code s = U ≥ θ ? 1 : 0}; post-reset membrane {@code v = U − θ·s}. Writes the indices of the
     * spiking neurons to {@code nz} in ascending order and returns their number.
     */
    int lifStep(float a, float[] theta, float[] u, float[] v, float[] s, int[] nz, int n);

    /** Indices of the non-zero entries of {@code x[0..n)} in ascending order; returns their number. */
    int nonZeros(float[] x, int n, int[] nz);
}
