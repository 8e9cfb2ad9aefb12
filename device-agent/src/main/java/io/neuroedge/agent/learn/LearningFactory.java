package io.neuroedge.agent.learn;

import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.runtime.engine.Engine;

/**
 * Creates the learner for a newly activated program. Called on the engine thread each time a
 * program is swapped in; this is the one place where the runtime's learner plugs in.
 */
@FunctionalInterface
public interface LearningFactory {

    /**
     * @param engine  the engine of the newly activated program; the learner may write into its plan
     * @param program what was activated, with the file it came from
     */
    DeviceLearning create(Engine engine, StoredProgram program);

    /** No program learns: every command is answered with UNSUPPORTED. */
    LearningFactory NONE = (engine, program) -> NoLearning.INSTANCE;
}
