/**
 * On-device learning: {@link io.neuroedge.runtime.ondevice.DeviceLearner} runs a learning rule inside
 * a running engine on the fixed-point parameters inference uses, with float master copies that are
 * re-quantized into the program on a schedule, and exports the learned program. The learner is the
 * engine glue; the rule ({@code LearningRule}: STOP, one class per schedule and loss) only does the
 * arithmetic on the learned layers' traces; {@code Requantizer} rounds the masters with the
 * compiler's rules ({@link io.neuroedge.runtime.program.Rounding}); the learned body is written by
 * {@link io.neuroedge.runtime.program.LearnedBody}. The float trainer for the host lives in
 * {@code io.neuroedge.runtime.learn}; docs/learning.md describes both.
 */
package io.neuroedge.runtime.ondevice;
