package io.neuroedge.compiler.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds one flat JSON object in insertion order; values are numbers, strings or pre-rendered JSON. */
final class JsonWriter {

    private final List<String> members = new ArrayList<>();

    JsonWriter put(String key, String value) {
        return putRaw(key, quote(value));
    }

    JsonWriter put(String key, long value) {
        return putRaw(key, Long.toString(value));
    }

    JsonWriter put(String key, double value) {
        // JSON has no NaN or infinity
        return putRaw(key, Double.isFinite(value) ? String.format(Locale.ROOT, "%.9g", value).replaceAll("\\.?0+(e|$)", "$1") : "null");
    }

    JsonWriter putRaw(String key, String json) {
        members.add(quote(key) + ": " + json);
        return this;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "{" + String.join(", ", members) + "}";
    }
}
