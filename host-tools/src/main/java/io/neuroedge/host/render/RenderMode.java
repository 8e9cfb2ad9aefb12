package io.neuroedge.host.render;

/** How {@link EventRenderer} turns accumulated events into colours. */
public enum RenderMode {
    /** Grey level from the number of events per pixel, log-scaled to the busiest pixel. */
    COUNTS,
    /** ON events in green, OFF events in red, each log-scaled; pixels with both are yellowish. */
    POLARITY,
    /** Grey level {@code exp(-(t_end - t_last) / tau)} from each pixel's most recent event. */
    TIMESURFACE
}
