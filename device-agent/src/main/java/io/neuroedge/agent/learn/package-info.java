/**
 * The seam between the agent's {@code LearnControl} messages and on-device learning in the
 * runtime: {@link io.neuroedge.agent.learn.DeviceLearning} (called only on the engine thread) and
 * the factory the agent asks for one whenever a program is activated
 * ({@link io.neuroedge.agent.learn.LearningFactory}). Until the runtime's learner is plugged in,
 * {@link io.neuroedge.agent.learn.NoLearning} answers every command with {@code UNSUPPORTED}.
 */
package io.neuroedge.agent.learn;
