/**
 * Camera events into engine steps: readers and decoders push events into an
 * {@link io.neuroedge.runtime.input.EventSink}; the {@link io.neuroedge.runtime.input.EventBinner} crops,
 * downsamples and bins them into per-step input counts.
 */
package io.neuroedge.runtime.input;
