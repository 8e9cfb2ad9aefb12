package io.neuroedge.compiler.report;

/**
 * What compiling one layer cost and produced. Fields that do not apply to a layer kind (pool,
 * flatten) are {@code NaN} or {@code -1}.
 *
 * @param index              layer index in the program
 * @param name               layer name (the NIR neuron, pool or flatten node)
 * @param kind               e.g. {@code conv2d 2->16 k5 s2 p1} or {@code dense 128->256}
 * @param model              neuron model ({@code IF}, {@code LIF}, ...) or {@code -}
 * @param inputShape         CxHxW entering
 * @param outputShape        CxHxW leaving
 * @param scaleMin           smallest weight scale
 * @param scaleMax           largest weight scale
 * @param maxRelWeightError  largest |w − q·scale| relative to its row's largest |w|
 * @param beta               real membrane factor per step
 * @param betaFixed          its fixed-point value multiplier/2^shift
 * @param alpha              real current factor (CUBA only)
 * @param alphaFixed         its fixed-point value
 * @param inputShift         fractional state bits
 * @param thresholdMin       smallest integer threshold
 * @param thresholdMax       largest integer threshold
 * @param parameterBytes     weights (both layouts), scales and per-neuron constants
 * @param stateBytes         output activations and neuron state
 * @param synapticOpsPerStep synaptic operations per step with every input active
 */
public record LayerReport(int index, String name, String kind, String model, String inputShape, String outputShape,
                          double scaleMin, double scaleMax, double maxRelWeightError, double beta, double betaFixed,
                          double alpha, double alphaFixed, int inputShift, int thresholdMin, int thresholdMax,
                          long parameterBytes, long stateBytes, long synapticOpsPerStep) {

    /** Whether the layer has neurons (and therefore weights, leaks and thresholds). */
    public boolean synaptic() {
        return inputShift >= 0;
    }
}
