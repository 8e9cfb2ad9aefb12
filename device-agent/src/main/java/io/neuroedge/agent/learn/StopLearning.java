package io.neuroedge.agent.learn;

import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.SpikeProgram;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.SpikePrograms;

/**
 * The agent's side of on-device STOP: {@code LearnControl} drives a
 * {@link DeviceLearner} attached to the running engine. A window learns when learning is enabled
 * and the window has a label ({@code supervise} before or while its events stream); the label
 * holds for that window only. The per-step loss is averaged over the length of the windows seen
 * so far, so the learning rate means the same for short and long windows.
 */
public final class StopLearning implements DeviceLearning {

    /** Steps assumed for the first window, before any has been seen (an N-MNIST recording at T = 16). */
    static final int FIRST_WINDOW_STEPS = 16;

    private final DeviceLearner learner;
    private final ProgramBody original;
    private boolean enabled;
    private int label = -1;
    private int learnedSteps;
    private long windowsLearned;

    private StopLearning(DeviceLearner learner, ProgramBody original) {
        this.learner = learner;
        this.original = original;
    }

    /**
     * The factory the agent uses: programs from {@code neuroedge train} learn, any other program
     * answers learning commands with {@code UNSUPPORTED} and keeps serving.
     */
    public static LearningFactory factory(DeviceLearner.Options options) {
        return (engine, program) -> create(engine, program, options);
    }

    static DeviceLearning create(Engine engine, StoredProgram program, DeviceLearner.Options options) {
        DeviceLearner learner;
        try {
            learner = new DeviceLearner(engine, FIRST_WINDOW_STEPS, options);
        } catch (IllegalArgumentException e) {
            return NoLearning.because(e.getMessage());
        }
        try {
            ProgramBody body = ProgramBody.parseFrom(SpikeProgram.parseFrom(program.file()).getBody());
            return new StopLearning(learner, body);
        } catch (InvalidProtocolBufferException e) {
            // the store verified these bytes; failing to parse them again is a bug
            throw new IllegalStateException("stored program no longer parses", e);
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void supervise(int label) throws AgentException {
        int outputs = learner.outputs();
        if (label < 0 || label >= outputs) {
            throw new AgentException(Error.Code.BAD_REQUEST, "label " + label + " is not an output of the program (0.."
                    + (outputs - 1) + ")");
        }
        this.label = label;
    }

    @Override
    public void afterStep() {
        if (enabled && label >= 0) {
            learner.afterStep(label);
            learnedSteps++;
        }
    }

    @Override
    public void windowClosed(int steps) {
        if (learnedSteps > 0) {
            learner.endSample();
            windowsLearned++;
        }
        if (steps > 0) {
            learner.setStepsPerSample(steps);
        }
        learner.beginSample();
        learnedSteps = 0;
        label = -1;
    }

    @Override
    public CheckpointInfo checkpoint() {
        return new CheckpointInfo(exportProgram(), windowsLearned);
    }

    /**
     * The program as of the last completed window: between windows the masters are rounded in
     * first; inside a window the engine's current integers are exported, because re-quantizing
     * would change state units under a running window.
     */
    @Override
    public byte[] exportProgram() {
        if (learnedSteps == 0) {
            learner.requantize();
        }
        return SpikePrograms.seal(learner.export(original)).toByteArray();
    }

    @Override
    public long learnerBytes() {
        return learner.learnerBytes();
    }

    @Override
    public long learnedWindows() {
        return windowsLearned;
    }
}
