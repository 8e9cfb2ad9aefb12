package io.neuroedge.agent.learn;

import io.neuroedge.runtime.engine.Engine;

/**
 * Creates the learner for a newly activated program. Called on the engine thread each time a
 * program is swapped in; this is the one place where the runtime's learner plugs in.
 */
@FunctionalInterface
public interface LearningFactory {

    DeviceLearning create(Engine engine);

    /** No program learns: every command is answered with UNSUPPORTED. */
    LearningFactory NONE = engine -> NoLearning.INSTANCE;
}
