package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.DenseOp;
import io.neuroedge.proto.program.Layer;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ProgramBody;

/**
 * The body of a program whose dense layers learned in place: the body the plan was loaded from,
 * with the plan's current int8 weights, scales and (for spiking layers) thresholds of the learned
 * layers. Seal it with {@code SpikePrograms.seal}; {@link ProgramBuilder} builds bodies from scratch.
 */
public final class LearnedBody {

    private LearnedBody() {
    }

    /**
     * @param original  the body {@code plan} was loaded from
     * @param plan      the plan whose dense layers were overwritten by learning
     * @param learned   indices of the learned (dense) layers
     * @param learnedBy appended to the header's created-by ("on-device STOP, 12 samples")
     * @throws IllegalArgumentException if the body and the plan differ in their number of layers
     */
    public static ProgramBody of(ProgramBody original, ExecutionPlan plan, int[] learned, String learnedBy) {
        if (original.getLayersCount() != plan.layers().size()) {
            throw new IllegalArgumentException("the body has " + original.getLayersCount() + " layers, the engine's"
                    + " program " + plan.layers().size());
        }
        ProgramBody.Builder b = original.toBuilder();
        for (int index : learned) {
            DenseLayer dense = (DenseLayer) plan.layers().get(index);
            Layer layer = original.getLayers(index);
            DenseOp.Builder op = layer.getDense().toBuilder()
                    .setWeights(ByteString.copyFrom(dense.weights())).clearWeightScale();
            for (int j = 0; j < dense.outFeatures(); j++) {
                op.addWeightScale(dense.weightScale(j));
            }
            Layer.Builder lb = layer.toBuilder().setDense(op);
            if (dense.neurons().spiking()) {
                NeuronPopulation.Builder pop = layer.getNeurons().toBuilder().clearThreshold();
                for (int t : dense.neurons().thresholdArray()) {
                    pop.addThreshold(t);
                }
                lb.setNeurons(pop);
            }
            b.setLayers(index, lb);
        }
        b.setHeader(original.getHeader().toBuilder().setCreatedBy(original.getHeader().getCreatedBy()
                + " + " + learnedBy));
        return b.build();
    }
}
