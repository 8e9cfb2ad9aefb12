package io.neuroedge.runtime.input;

/**
 * Receives camera events one at a time, in time order. Readers of event files and network
 * decoders push into a sink; the {@link EventBinner} is the sink that feeds an engine. Passing
 * primitives keeps the path allocation-free.
 */
@FunctionalInterface
public interface EventSink {

    /**
     * @param x        pixel column on the sensor, 0-based
     * @param y        pixel row on the sensor, 0-based
     * @param polarity 1 for an ON (brightness increase) event, 0 for OFF
     * @param timeUs   timestamp in microseconds, non-decreasing within a recording
     */
    void event(int x, int y, int polarity, long timeUs);
}
