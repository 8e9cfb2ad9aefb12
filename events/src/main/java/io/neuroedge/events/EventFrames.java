package io.neuroedge.events;

import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bins a recording into per-step input frames exactly as the runtime will on the device: the
 * runtime's own {@link EventBinner} with the mapping the compiled program will carry (OFF events to
 * channel 0, ON to channel 1, bins from the first event, counts saturating at {@code maxCount}).
 * Training on these frames and running the program on the live stream therefore see the same input.
 */
public final class EventFrames {

    private final InputPlan input;
    private final int steps;

    /**
     * @param width  sensor (and input) width
     * @param height sensor (and input) height
     * @param binUs  length of one step
     * @param steps  steps per sample: longer recordings are cut, shorter ones padded with empty steps
     */
    public EventFrames(int width, int height, long binUs, int steps, int maxCount) {
        if (binUs < 1 || steps < 1 || maxCount < 1 || maxCount > 127) {
            throw new IllegalArgumentException("bin >= 1 us, steps >= 1 and max count 1..127 are required");
        }
        this.input = new InputPlan(new Shape(2, height, width), maxCount,
                Optional.of(new InputPlan.EventMapping(width, height, 0, 1, 0, 0, 0, binUs)));
        this.steps = steps;
    }

    public int frameSize() {
        return input.shape().size();
    }

    /** {@code steps × frameSize} counts, step-major. */
    public byte[] bin(Path recording) throws IOException {
        EventFileReader reader = EventFormats.open(recording);
        int size = frameSize();
        byte[] frames = new byte[steps * size];
        int[] step = {0};
        EventBinner binner = new EventBinner(input, counts -> {
            if (step[0] < steps) {
                System.arraycopy(counts, 0, frames, step[0] * size, size);
            }
            step[0]++;
        });
        reader.read(recording, binner);
        binner.flush();
        return frames;
    }
}
