package io.neuroedge.runtime.ondevice;

/**
 * What an on-device learning rule does with the traces {@link DeviceLearner} reads from the engine:
 * turn a labelled step, and the end of a labelled sample, into changes of the learned layers' float
 * masters. The learner owns the engine glue (reading spikes and membranes, re-quantizing, export);
 * a rule owns only the arithmetic, so a second rule sits beside STOP without touching the glue.
 */
interface LearningRule {

    /** Which per-sample buffers a layer needs beyond its masters and traces. */
    record Buffers(boolean weightGradient, boolean thresholdGradient, boolean traceSums) {
    }

    /** Short name, recorded in the exported program's header ("STOP"). */
    String name();

    /** The buffers a learned layer needs under this rule ({@code readout}: the last layer). */
    Buffers buffers(boolean readout);

    /**
     * Rejects programs the rule cannot learn, once the number of learned layers is known.
     *
     * @throws IllegalArgumentException with the reason
     */
    default void check(int learnedLayers, String program) {
    }

    /** Bytes the rule itself allocated. */
    long bytes();

    /**
     * Learns from one labelled step; the layers' traces and real membranes are this step's.
     *
     * @param steps time steps per sample, for averaging a per-step loss
     */
    void afterStep(LearnedLayer[] layers, int label, int steps);

    /** Ends a sample that had labelled steps ({@code label}: the last one). */
    void endSample(LearnedLayer[] layers, int label, int steps);
}
