package io.neuroedge.agent.gpio;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shows each decision on outputs: the line of the predicted class goes high, the previous one
 * low; "no decision" (-1) turns the lit line off. Called on the engine thread after each window.
 */
public interface ClassIndicator extends AutoCloseable {

    void show(int predictedClass);

    @Override
    void close();

    /** Shows nothing. */
    ClassIndicator NONE = new ClassIndicator() {
        @Override
        public void show(int predictedClass) {
        }

        @Override
        public void close() {
        }
    };

    /** One line per class on {@code port}; claims every mapped line now. */
    static ClassIndicator gpio(GpioPort port, GpioMap map) throws IOException {
        for (int line : map.lines()) {
            if (line >= 0) {
                port.openOutput(line);
            }
        }
        return new ClassIndicator() {
            private final Logger log = Logger.getLogger(ClassIndicator.class.getName());
            private int lit = -1;

            @Override
            public void show(int predictedClass) {
                int line = map.lineOf(predictedClass);
                if (line == lit) {
                    return;
                }
                try {
                    if (lit >= 0) {
                        port.write(lit, false);
                    }
                    if (line >= 0) {
                        port.write(line, true);
                    }
                    lit = line;
                } catch (IOException | RuntimeException e) {
                    // a GPIO fault must not stop inference; it is logged and the next decision retries
                    log.log(Level.WARNING, "gpio write failed", e);
                }
            }

            @Override
            public void close() {
                port.close();
            }
        };
    }
}
