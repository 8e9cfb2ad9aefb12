package io.neuroedge.agent.gpio;

import java.util.Arrays;

/**
 * The {@code --gpio} option: which output line lights up for which class. Two spellings:
 * {@code 17,27,22} (class 0 → line 17, class 1 → 27, ...) or {@code 0:17,3:22} (explicit pairs;
 * classes not listed drive nothing).
 *
 * @param lines line of each class, -1 for none
 */
public record GpioMap(int[] lines) {

    public GpioMap {
        lines = lines.clone();
    }

    public static GpioMap parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--gpio is empty");
        }
        String[] parts = spec.split(",");
        boolean pairs = spec.contains(":");
        int[] lines = new int[0];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int cls;
            int line;
            try {
                if (pairs) {
                    String[] kv = part.split(":");
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("--gpio entry '" + part + "' is not CLASS:LINE");
                    }
                    cls = Integer.parseInt(kv[0].trim());
                    line = Integer.parseInt(kv[1].trim());
                } else {
                    cls = i;
                    line = Integer.parseInt(part);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--gpio entry '" + part + "' is not a number", e);
            }
            if (cls < 0 || cls > 4095 || line < 0 || line > 4095) {
                throw new IllegalArgumentException("--gpio entry '" + part + "': class and line must be 0..4095");
            }
            if (cls >= lines.length) {
                int old = lines.length;
                lines = Arrays.copyOf(lines, cls + 1);
                Arrays.fill(lines, old, lines.length, -1);
            }
            if (lines[cls] >= 0) {
                throw new IllegalArgumentException("--gpio names class " + cls + " twice");
            }
            lines[cls] = line;
        }
        return new GpioMap(lines);
    }

    /** Line for {@code cls}, or -1. */
    public int lineOf(int cls) {
        return cls >= 0 && cls < lines.length ? lines[cls] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpioMap m && Arrays.equals(lines, m.lines);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lines);
    }

    @Override
    public String toString() {
        return "GpioMap" + Arrays.toString(lines);
    }
}
