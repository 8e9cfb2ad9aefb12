package io.neuroedge.compiler.lower;

import io.neuroedge.proto.program.NeuronPopulation;

/**
 * A synaptic layer in program integers plus what the report shows about its rounding.
 *
 * @param weights          int8 feed-forward weights in program layout
 * @param recurrent        int8 recurrent weights [out][out], or null
 * @param scales           real value of one weight step per output row (channel for conv)
 * @param neurons          the program's neuron population
 * @param maxRelWeightError largest |w − q·scale| / max|row| over all rows
 * @param beta             real membrane factor (1 for IF)
 * @param alpha            real current factor (CUBA only, else 0)
 * @param thresholdMin     smallest integer threshold (0 for LI)
 * @param thresholdMax     largest integer threshold (0 for LI)
 */
public record QuantizedLayer(byte[] weights, byte[] recurrent, float[] scales, NeuronPopulation neurons,
                             double maxRelWeightError, double beta, double alpha, int thresholdMin,
                             int thresholdMax) {
}
