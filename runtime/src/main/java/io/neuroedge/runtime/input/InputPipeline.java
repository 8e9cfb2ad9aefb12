package io.neuroedge.runtime.input;

import io.neuroedge.runtime.program.InputPlan;

import java.util.Objects;

/**
 * The way from camera events to a program's time steps, as its input spec says: the event filters
 * the program asks for ({@link EventFilterSpec}: polarity, then refractory, then background
 * activity, in sensor coordinates), then the {@link EventBinner}. Every runner of a program — {@code run},
 * {@code eval}, calibration, the device agent — feeds events through one of these, so a program
 * cleans its stream the same way everywhere. Filters that are off are not in the chain at all.
 *
 * <p>Allocation-free per event. Not thread-safe: use on the thread that steps the engine.
 */
public final class InputPipeline implements EventSink {

    private final EventFilterSpec spec;
    private final EventBinner binner;
    private final PolarityFilter polarity;
    private final RefractoryFilter refractory;
    private final BackgroundActivityFilter background;
    private final EventSink head;
    private long filteredBeforeRestart;

    /** Filters and a binner with the default gap limit, stepping {@code steps}. */
    public InputPipeline(InputPlan input, EventBinner.StepSink steps) {
        this(input, new EventBinner(input, steps));
    }

    /** Filters in front of a given binner (built for the same input). */
    public InputPipeline(InputPlan input, EventBinner binner) {
        InputPlan.EventMapping mapping = input.events().orElseThrow(() ->
                new IllegalArgumentException("the program has no event encoding in its input spec"));
        this.spec = mapping.filters();
        this.binner = Objects.requireNonNull(binner, "binner");
        EventSink next = binner;
        int w = mapping.sensorWidth();
        int h = mapping.sensorHeight();
        background = spec.backgroundWindowUs() > 0 ? new BackgroundActivityFilter(w, h, spec.backgroundWindowUs(), next) : null;
        next = background != null ? background : next;
        refractory = spec.refractoryUs() > 0 ? new RefractoryFilter(w, h, spec.refractoryUs(), next) : null;
        next = refractory != null ? refractory : next;
        polarity = spec.polarity() != PolarityFilter.Mode.BOTH ? new PolarityFilter(spec.polarity(), next) : null;
        head = polarity != null ? polarity : next;
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        head.event(x, y, polarity, timeUs);
    }

    /** Steps the last, partial bin (end of a recording or window). */
    public void flush() {
        binner.flush();
    }

    /**
     * Starts a new recording or window: the binner forgets its bin and time base, and the filters
     * forget every pixel's history (the next recording's clock starts anew). Counters are kept.
     */
    public void restart() {
        binner.restart();
        filteredBeforeRestart += filteredSinceRestart();
        if (polarity != null) {
            polarity.reset();
        }
        if (refractory != null) {
            refractory.reset();
        }
        if (background != null) {
            background.reset();
        }
    }

    /** Events the filters removed (including events outside the sensor), over the pipeline's life. */
    public long filteredEvents() {
        return filteredBeforeRestart + filteredSinceRestart();
    }

    private long filteredSinceRestart() {
        return (polarity != null ? polarity.dropped() : 0) + (refractory != null ? refractory.dropped() : 0)
                + (background != null ? background.dropped() : 0);
    }

    /** The binner behind the filters (its counters: steps, binned, outside, late, gap restarts). */
    public EventBinner binner() {
        return binner;
    }

    /** The filters this pipeline applies. */
    public EventFilterSpec filters() {
        return spec;
    }
}
