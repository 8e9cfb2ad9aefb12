/**
 * On-device learning: {@link io.neuroedge.runtime.ondevice.DeviceLearner} runs STOP inside a
 * running engine on the fixed-point parameters inference uses, with float master copies that are
 * re-quantized into the program on a schedule, and exports the learned program. The float trainer
 * for the host lives in {@code io.neuroedge.runtime.learn}; docs/learning.md describes both.
 */
package io.neuroedge.runtime.ondevice;
