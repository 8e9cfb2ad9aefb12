package io.neuroedge.compiler.lower;

import io.neuroedge.proto.program.NeuronPopulation;

/**
 * A neuron population in discrete time, in the NIR model's voltage units: per step
 * {@code i = α·i + gain·I} (CUBA only), {@code v = β·v + gain·I + leakBias} (or {@code + i}), spike
 * when {@code v > threshold}.
 *
 * @param model         program neuron model
 * @param reset         ZERO or SUBTRACT
 * @param beta          membrane factor per step (1 for IF)
 * @param alpha         current factor per step (CUBA_LIF only, else 0)
 * @param gain          per neuron: factor on the synaptic input (for CUBA the product of both stages)
 * @param leakBias      per neuron: constant drive per step from {@code v_leak}
 * @param threshold     per neuron, null for LI
 * @param floor         per neuron lower clamp, or null
 */
record NeuronDynamics(NeuronPopulation.Model model, NeuronPopulation.Reset reset, double beta, double alpha,
                      double[] gain, double[] leakBias, double[] threshold, double[] floor) {
}
