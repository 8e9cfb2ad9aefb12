package io.neuroedge.runtime.program;

import io.neuroedge.runtime.input.EventFilterSpec;

import java.util.Optional;

/**
 * The verified input of a program: the tensor the first layer reads, the per-step count bound,
 * and (optionally) how camera events map onto it.
 */
public record InputPlan(Shape shape, int maxCount, Optional<EventMapping> events) {

    /**
     * Maps sensor events to input elements: the event filters applied first, then crop, downsample
     * by a right shift, polarity to channel, and the length of a time step.
     */
    public record EventMapping(int sensorWidth, int sensorHeight, int offChannel, int onChannel,
                               int cropX, int cropY, int downsampleShift, long binUs, EventFilterSpec filters) {

        /** A mapping without event filters. */
        public EventMapping(int sensorWidth, int sensorHeight, int offChannel, int onChannel, int cropX, int cropY,
                            int downsampleShift, long binUs) {
            this(sensorWidth, sensorHeight, offChannel, onChannel, cropX, cropY, downsampleShift, binUs,
                    EventFilterSpec.NONE);
        }
    }
}
