/**
 * Camera events into engine steps: readers and decoders push events into an
 * {@link io.neuroedge.runtime.input.EventSink}; allocation-free filters (polarity, refractory,
 * background-activity denoising) can sit in front; the {@link io.neuroedge.runtime.input.EventBinner}
 * crops, downsamples and bins them into per-step input counts. Static images become per-step
 * input through the {@link io.neuroedge.runtime.input.ImageSpikeEncoder} (rate or direct), the one
 * encoder training and evaluation share.
 */
package io.neuroedge.runtime.input;
