package io.neuroedge.runtime.program;


/**
 * A fully connected layer with its neuron population, optionally recurrent (the population's own
 * spikes of the previous step enter through a second matrix). Weights are kept in two layouts:
 * row-major [out][in] for the dense path (dot products) and transposed [in][out] for the sparse
 * path (one contiguous row per active input).
 */
public final class DenseLayer implements LayerPlan {

    private final String name;
    private final int in;
    private final int out;
    private final byte[] weights;
    private final byte[] weightsByInput;
    private final byte[] recurrent;
    private final byte[] recurrentByInput;
    private final float[] weightScale;
    private final NeuronParams neurons;

    DenseLayer(String name, int in, int out, byte[] weights, byte[] recurrent, float[] weightScale, NeuronParams neurons) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.weights = weights;
        this.weightsByInput = transpose(weights, out, in);
        this.recurrent = recurrent;
        this.recurrentByInput = recurrent == null ? null : transpose(recurrent, out, out);
        this.weightScale = weightScale;
        this.neurons = neurons;
    }

    static byte[] transpose(byte[] m, int rows, int cols) {
        byte[] t = new byte[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return Shape.vector(in);
    }

    @Override
    public Shape outputShape() {
        return Shape.vector(out);
    }

    @Override
    public int outputBound() {
        return 1;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** int8 [out][in], row-major. */
    public byte[] weights() {
        return weights;
    }

    /**
     * Overwrites one output's whole weight row in both layouts. Only for on-device learning on a plan
     * that a single engine owns: every engine and thread sharing the plan would see the change. The
     * caller keeps the verified bound on each row's worst-case drive ({@code ProgramLoader}); not
     * thread-safe.
     */
    public void overwriteWeightRow(int row, byte[] values) {
        System.arraycopy(values, 0, weights, row * in, in);
        for (int col = 0; col < in; col++) {
            weightsByInput[col * out + row] = values[col];
        }
    }

    /**
     * Overwrites one output's weight scale (on-device learning, as {@link #overwriteWeightRow}). The
     * scale only describes real units; the engine's integer arithmetic never reads it.
     */
    public void overwriteWeightScale(int row, float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("weight scale " + scale + " must be a positive number");
        }
        weightScale[row] = scale;
    }

    /** int8 [in][out]: the weights leaving input {@code j} are {@code [j*out, j*out+out)}. */
    public byte[] weightsByInput() {
        return weightsByInput;
    }

    public boolean isRecurrent() {
        return recurrent != null;
    }

    /** int8 [out][out] or null. */
    public byte[] recurrentWeights() {
        return recurrent;
    }

    /** Transposed recurrent weights or null. */
    public byte[] recurrentWeightsByInput() {
        return recurrentByInput;
    }

    public float weightScale(int outIndex) {
        return weightScale[outIndex];
    }

    public NeuronParams neurons() {
        return neurons;
    }
}
