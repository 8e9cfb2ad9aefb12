package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;

import java.util.Objects;

/**
 * Makes N-MNIST-like recordings from a static grey image, imitating how N-MNIST was captured
 * (an ATIS sensor on a pan-tilt unit making three saccades in front of a monitor): the image is
 * placed in the middle of a larger black canvas (34 x 34 for a 28 x 28 digit, a 3-pixel margin)
 * and moved along a closed triangle, one saccade per side, while a {@link DvsSimulator} watches.
 *
 * <p>The triangle has vertices (-a/2, +a/2), (+a/2, +a/2), (0, -a/2) pixels around the centred
 * position, with {@code a} the amplitude; the image is resampled bilinearly at each sub-pixel
 * position. Defaults: three saccades of 100 ms, a frame every 1 ms, amplitude 3 pixels, so the
 * recording spans about 300 ms and the digit never leaves the canvas. Because the path is
 * closed every pixel ends at its starting intensity, which keeps ON and OFF counts close.
 */
public final class SaccadeRecorder {

    /** Margin around the image on each side, as in N-MNIST (28 + 2 * 3 = 34). */
    public static final int MARGIN = 3;
    private static final int SACCADES = 3;

    private final DvsParameters parameters;
    private final long saccadeUs;
    private final long frameUs;
    private final double amplitude;

    /** A recorder with N-MNIST-like timing: 3 x 100 ms saccades, 1 ms frames, 3-pixel amplitude. */
    public SaccadeRecorder(DvsParameters parameters) {
        this(parameters, 100_000, 1_000, 3.0);
    }

    /**
     * @param parameters simulator settings
     * @param saccadeUs  duration of one saccade (one side of the triangle)
     * @param frameUs    time between rendered frames; must divide {@code saccadeUs}
     * @param amplitude  side length of the triangle in pixels; at most {@code 2 * MARGIN} keeps the image on the canvas
     */
    public SaccadeRecorder(DvsParameters parameters, long saccadeUs, long frameUs, double amplitude) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (frameUs <= 0 || saccadeUs <= 0 || saccadeUs % frameUs != 0) {
            throw new IllegalArgumentException("saccade " + saccadeUs + " us must be a positive multiple of the frame time "
                    + frameUs + " us");
        }
        if (!(amplitude >= 0) || amplitude > 2 * MARGIN) {
            throw new IllegalArgumentException("amplitude must be in 0.." + 2 * MARGIN + " pixels: " + amplitude);
        }
        this.saccadeUs = saccadeUs;
        this.frameUs = frameUs;
        this.amplitude = amplitude;
    }

    /** Canvas width for an image {@code cols} wide. */
    public static int canvasWidth(int cols) {
        return cols + 2 * MARGIN;
    }

    /** Canvas height for an image {@code rows} high. */
    public static int canvasHeight(int rows) {
        return rows + 2 * MARGIN;
    }

    /** Total recording time: three saccades. */
    public long durationUs() {
        return SACCADES * saccadeUs;
    }

    /**
     * Records an unsigned 8-bit image ({@code rows x cols}, row-major) and returns its events in
     * time order, times from 0 to {@link #durationUs()}, coordinates on the canvas.
     */
    public EventArray record(byte[] image, int rows, int cols) {
        if (rows <= 0 || cols <= 0 || image.length != rows * cols) {
            throw new IllegalArgumentException("image of " + image.length + " bytes is not " + rows + "x" + cols);
        }
        float[] source = new float[image.length];
        for (int i = 0; i < source.length; i++) {
            source[i] = (image[i] & 0xFF) / 255f;
        }
        int w = canvasWidth(cols);
        int h = canvasHeight(rows);
        DvsSimulator simulator = new DvsSimulator(w, h, parameters);
        EventArray events = new EventArray();
        double half = amplitude / 2;
        double[][] vertices = {{-half, half}, {half, half}, {0, -half}};
        long framesPerSaccade = saccadeUs / frameUs;
        float[] canvas = new float[w * h];
        for (int s = 0; s < SACCADES; s++) {
            double[] a = vertices[s];
            double[] b = vertices[(s + 1) % SACCADES];
            // the first saccade also renders its start frame, which sets the simulator's references
            for (long f = s == 0 ? 0 : 1; f <= framesPerSaccade; f++) {
                double u = (double) f / framesPerSaccade;
                ImageShift.render(source, rows, cols, MARGIN + a[0] + u * (b[0] - a[0]),
                        MARGIN + a[1] + u * (b[1] - a[1]), canvas, w, h);
                simulator.frame(canvas, s * saccadeUs + f * frameUs, events);
            }
        }
        return events;
    }
}
