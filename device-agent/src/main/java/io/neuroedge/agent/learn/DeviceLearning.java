package io.neuroedge.agent.learn;

import io.neuroedge.agent.AgentException;

/**
 * On-device learning of the active program, as the agent drives it from {@code LearnControl}.
 * Every method is called on the engine thread only, between two batches (never during a step), so
 * an implementation may touch the engine's live parameters without locking.
 */
public interface DeviceLearning {

    /** Whether this program can learn at all; if false every other method throws UNSUPPORTED. */
    boolean available();

    /** Starts (true) or freezes (false) plasticity. */
    void setEnabled(boolean enabled) throws AgentException;

    /** Teacher signal for the current window: the class the window shows. */
    void supervise(int label) throws AgentException;

    /**
     * The learned program as a complete, sealed {@code .nsp} file; the agent stores it as a new
     * version of the active program's name (verified like any upload) and reports that version.
     */
    CheckpointInfo checkpoint() throws AgentException;

    /** The learned program as {@code .nsp} bytes, sent back to the host. */
    byte[] exportProgram() throws AgentException;

    /** Memory the learner allocated when the program was activated (0 for none). */
    default long learnerBytes() {
        return 0;
    }

    /** Windows learned from since activation. */
    default long learnedWindows() {
        return 0;
    }

    /** After every engine step (engine thread, hot path: must not allocate). */
    default void afterStep() {
    }

    /** A window (one sample) ended, just before the engine's state is reset. */
    default void windowClosed(int steps) {
    }
}
