/**
 * Float on-host learning for spiking networks: STOP (spatiotemporal orthogonal propagation) and a
 * BPTT reference, the trainer and the samples they consume. Owns the network semantics written to
 * the model file (trained_model.proto) and nothing device-specific: the compiler lowers the
 * trained {@link io.neuroedge.runtime.learn.FloatNetwork} to a fixed-point program.
 *
 * <p>Choices, following the research notes (shared/research/stop.md, stop_reference.py):
 * <ul>
 *   <li><b>Neurons.</b> LIF with soft reset, {@code U = α·V[t−1] + I; s = U ≥ θ; V = U − θ·s}, one α
 *       per layer, θ per neuron (dense) or per output channel (conv). The last layer is a
 *       non-spiking leaky readout; prediction is argmax of Σ_t U_out[t].</li>
 *   <li><b>Loss.</b> Per-step cross-entropy on softmax(U_out[t]), averaged over steps and batch;
 *       per-step loss keeps STOP local in time.</li>
 *   <li><b>Surrogate.</b> {@link io.neuroedge.runtime.learn.Surrogate}: φ(x) = exp(−|x|) by default
 *       (the reference's form), rectangular and triangular selectable; the on-device learner
 *       uses the same function ({@code Surrogate.expNegAbs}).</li>
 *   <li><b>Reset detached.</b> The spike inside {@code V = U − θ·s} is a constant for the gradient
 *       in both STOP and BPTT; that is what makes STOP's weight trace per-input (O(N)) and keeps
 *       the two learners comparable.</li>
 *   <li><b>Memory.</b> STOP keeps ŵ (per layer input), θ̂ and α̂ (per neuron, STOP-WTL) and the
 *       current step's state: independent of T. BPTT stores every layer's input, U and s for all
 *       steps: linear in T. {@link io.neuroedge.runtime.learn.Learner#learnerBytes()} counts what
 *       each actually allocates; the parameter-sized gradient buffers are the same for both.</li>
 *   <li><b>Speed.</b> The loops run on {@link io.neuroedge.runtime.simd.FloatKernels} (Vector API, or
 *       plain loops without it; C2 did not vectorise the plain ones). Dense hidden weights are stored
 *       transposed ([in][out]) so sparse input spikes add whole rows and STOP folds four steps'
 *       gradients into each non-zero trace row at once; a readout with few outputs keeps [out][in]
 *       so its products run along the long input dimension; stride-1 convolutions are matrix
 *       products over a zero-padded input ({@code PaddedConvolution}). No allocation per step
 *       ({@code LearnerAllocationTest}).</li>
 *   <li><b>Precision.</b> All learning arithmetic is float32. Gradient checks compare it against
 *       double-precision finite differences of a test-side forward with a smooth surrogate, which
 *       float32 meets at ~1e-4 relative error (the learner is run with a non-binary
 *       {@link io.neuroedge.runtime.learn.Surrogate} for that).</li>
 * </ul>
 */
package io.neuroedge.runtime.learn;
