package io.neuroedge.runtime.learn;

/** Learning rule; names match {@code TrainingInfo.algorithm} in the model file. */
public enum Algorithm {
    /** STOP, weights only (OTTT's weight rule). */
    STOP_W("stop-w", false),
    /** STOP, weights + thresholds + leaks. */
    STOP_WTL("stop-wtl", true),
    /** Backprop through time, detached reset; learns weights, thresholds and leaks like stop_reference.py. */
    BPTT("bptt", true);

    private final String id;
    private final boolean thresholdAndLeak;

    Algorithm(String id, boolean thresholdAndLeak) {
        this.id = id;
        this.thresholdAndLeak = thresholdAndLeak;
    }

    public String id() {
        return id;
    }

    /** Whether thresholds and leaks are trained (otherwise only weights). */
    public boolean learnsThresholdAndLeak() {
        return thresholdAndLeak;
    }

    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.id.equalsIgnoreCase(s) || a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + s + "'; expected stop-w, stop-wtl or bptt");
    }
}
