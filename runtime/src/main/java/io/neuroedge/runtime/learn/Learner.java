package io.neuroedge.runtime.learn;

/**
 * Runs one sample through the network for a fixed number of steps and accumulates the gradient of
 * the loss into a {@link Gradients}. Not thread-safe: one per worker. All buffers are allocated at
 * construction; {@link #learn} and {@link #predict} do not allocate.
 *
 * <p>Per-step loss {@code CE_t = CE(softmax(U_out[t]), label)}. {@code learn} adds the gradient of
 * {@code scale·Σ_t CE_t}, so {@code scale = 1/(T·batch)} gives the batch-mean loss of
 * stop_reference.py.
 */
public interface Learner {

    static Learner create(FloatNetwork net, Algorithm algorithm, int timeSteps, Surrogate surrogate) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("time steps must be positive: " + timeSteps);
        }
        return switch (algorithm) {
            case STOP_W, STOP_WTL -> new StopLearner(net, algorithm, timeSteps, surrogate);
            case BPTT -> new BpttLearner(net, timeSteps, surrogate);
        };
    }

    Algorithm algorithm();

    int timeSteps();

    /**
     * One sample: forward over T steps with gradient accumulation into {@code grads}
     * ({@code += ∂(scale·Σ_t CE_t)/∂p}; thresholds and leaks only if the algorithm learns them).
     *
     * @return the sample loss {@code (1/T)·Σ_t CE_t} (independent of scale)
     */
    double learn(SampleSource source, int sample, int epoch, Gradients grads, float scale);

    /** Class predicted by the last {@link #learn} call (argmax of Σ_t U_out[t]). */
    int lastPrediction();

    /** Forward only; returns argmax of Σ_t U_out[t]. */
    int predict(SampleSource source, int sample, int epoch);

    /** Bytes of the learner's own buffers (state, traces or stored history), excluding gradients. */
    long learnerBytes();
}
