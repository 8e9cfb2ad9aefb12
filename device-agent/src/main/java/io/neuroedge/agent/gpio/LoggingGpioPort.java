package io.neuroedge.agent.gpio;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A {@link GpioPort} for machines without GPIO: remembers line states and logs changes (only
 * changes, so a stream of equal decisions does not flood the log).
 */
public final class LoggingGpioPort implements GpioPort {

    private static final Logger LOG = Logger.getLogger(LoggingGpioPort.class.getName());

    private final Map<Integer, Boolean> lines = new HashMap<>();
    private final Consumer<String> log;

    public LoggingGpioPort() {
        this(LOG::info);
    }

    public LoggingGpioPort(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void openOutput(int line) {
        lines.put(line, false);
        log.accept("gpio " + line + ": output, low");
    }

    @Override
    public void write(int line, boolean high) {
        Boolean before = lines.get(line);
        if (before == null) {
            throw new IllegalStateException("gpio " + line + " is not open");
        }
        if (before != high) {
            lines.put(line, high);
            log.accept("gpio " + line + ": " + (high ? "high" : "low"));
        }
    }

    /** The state of {@code line}, for tests. */
    public boolean state(int line) {
        return Boolean.TRUE.equals(lines.get(line));
    }

    @Override
    public void close() {
        lines.replaceAll((k, v) -> false);
    }
}
