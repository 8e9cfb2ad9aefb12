package io.neuroedge.agent.learn;

import io.neuroedge.agent.AgentException;
import io.neuroedge.proto.agent.Error;

/** The learner of a program that cannot learn: every command fails with {@code UNSUPPORTED}. */
public final class NoLearning implements DeviceLearning {

    public static final NoLearning INSTANCE = new NoLearning("learning not available for this program");

    private final String reason;

    private NoLearning(String reason) {
        this.reason = reason;
    }

    /** A program that cannot learn, for the reason given (answered with every command). */
    public static NoLearning because(String reason) {
        return new NoLearning("learning not available for this program: " + reason);
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void setEnabled(boolean enabled) throws AgentException {
        throw unsupported();
    }

    @Override
    public void supervise(int label) throws AgentException {
        throw unsupported();
    }

    @Override
    public CheckpointInfo checkpoint() throws AgentException {
        throw unsupported();
    }

    @Override
    public byte[] exportProgram() throws AgentException {
        throw unsupported();
    }

    private AgentException unsupported() {
        return new AgentException(Error.Code.UNSUPPORTED, reason);
    }
}
