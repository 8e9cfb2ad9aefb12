package io.neuroedge.runtime.input;

import java.util.Objects;

/**
 * The event filters a program asks for (its {@code input.events.filters}): a polarity selection,
 * a refractory period and a background-activity window, each off when zero. {@link InputPipeline}
 * builds the chain from it.
 */
public record EventFilterSpec(PolarityFilter.Mode polarity, long refractoryUs, long backgroundWindowUs) {

    /** Longest refractory period or background window a program may ask for: 10 s. */
    public static final long MAX_PERIOD_US = 10_000_000L;

    /** No filtering: every event reaches the binner. */
    public static final EventFilterSpec NONE = new EventFilterSpec(PolarityFilter.Mode.BOTH, 0, 0);

    public EventFilterSpec {
        Objects.requireNonNull(polarity, "polarity");
        if (refractoryUs < 0 || refractoryUs > MAX_PERIOD_US || backgroundWindowUs < 0
                || backgroundWindowUs > MAX_PERIOD_US) {
            throw new IllegalArgumentException("filter periods must be 0.." + MAX_PERIOD_US + " us");
        }
    }

    /** True when no filter is on. */
    public boolean isNone() {
        return polarity == PolarityFilter.Mode.BOTH && refractoryUs == 0 && backgroundWindowUs == 0;
    }

    /** Filters that keep one timestamp per sensor pixel (refractory, background activity). */
    public int perPixelFilters() {
        return (refractoryUs > 0 ? 1 : 0) + (backgroundWindowUs > 0 ? 1 : 0);
    }

    /** Bytes of per-pixel state these filters keep for a sensor of {@code pixels} pixels. */
    public long stateBytes(long pixels) {
        return 8L * pixels * perPixelFilters();
    }

    /** Short text for reports: {@code none}, or e.g. {@code polarity ON_ONLY, refractory 500 us}. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if (polarity != PolarityFilter.Mode.BOTH) {
            b.append("polarity ").append(polarity);
        }
        if (refractoryUs > 0) {
            b.append(b.isEmpty() ? "" : ", ").append("refractory ").append(refractoryUs).append(" us");
        }
        if (backgroundWindowUs > 0) {
            b.append(b.isEmpty() ? "" : ", ").append("background activity ").append(backgroundWindowUs).append(" us");
        }
        return b.toString();
    }
}
