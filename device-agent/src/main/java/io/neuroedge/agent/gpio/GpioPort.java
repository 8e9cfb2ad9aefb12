package io.neuroedge.agent.gpio;

import java.io.IOException;

/**
 * Digital output lines of a board, numbered as the board's GPIO (BCM numbers on a Raspberry Pi).
 * Implementations: {@link Pi4jGpioPort} on Raspberry Pi, {@link LoggingGpioPort} elsewhere.
 * Called from one thread at a time (the engine thread, after set-up).
 */
public interface GpioPort extends AutoCloseable {

    /** Claims {@code line} as an output, initially low. */
    void openOutput(int line) throws IOException;

    /** Drives an opened line high or low. */
    void write(int line, boolean high) throws IOException;

    /** Drives every opened line low and releases it. */
    @Override
    void close();
}
