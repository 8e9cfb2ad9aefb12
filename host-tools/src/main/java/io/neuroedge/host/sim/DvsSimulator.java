package io.neuroedge.host.sim;

import io.neuroedge.runtime.input.EventSink;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a sequence of intensity frames into DVS events with the usual contrast-threshold model
 * (as in ESIM / v2e, without refractory period or bandwidth limits).
 *
 * <p>Each pixel keeps a reference log intensity {@code L_ref}, set from the first frame. For each
 * later frame, the log intensity {@code L = log(I + epsilon)} is compared with it: every time the
 * change crosses the pixel's threshold (ON threshold when brighter, OFF when darker) one event is
 * emitted and {@code L_ref} moves by that threshold. Crossing times are interpolated linearly
 * between the two frames' log intensities. With {@code thresholdSigma > 0} each pixel draws its
 * own ON and OFF thresholds from a Gaussian around C; with {@code noiseRateHz > 0} a Poisson
 * process adds background events of random polarity at uniformly random pixels.
 *
 * <p>Events of one frame interval go to the sink sorted by time (ties by pixel index), so the
 * output is time-ordered. All randomness comes from one {@link SplittableRandom} seeded from the
 * parameters: the same frames and seed give the same events. Not thread-safe.
 */
public final class DvsSimulator {

    private final int width;
    private final int height;
    private final DvsParameters parameters;
    private final double[] onThreshold;
    private final double[] offThreshold;
    private final double[] reference;
    private final double[] previous;
    private final SplittableRandom random;

    private long previousTimeUs = Long.MIN_VALUE;
    /** Time of the next background event, in µs (fractional: the process is continuous). */
    private double nextNoiseUs;
    /** Events of the current interval, packed as (time offset << 32 | sequence), and their payload. */
    private long[] keys = new long[1024];
    private int[] pixelOf = new int[1024];
    private byte[] polarityOf = new byte[1024];
    private int pending;

    /** A simulator for {@code width x height} frames. */
    public DvsSimulator(int width, int height, DvsParameters parameters) {
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("bad frame size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.parameters = parameters;
        int n = width * height;
        this.random = new SplittableRandom(parameters.seed());
        this.onThreshold = thresholds(n);
        this.offThreshold = thresholds(n);
        this.reference = new double[n];
        this.previous = new double[n];
    }

    /** Frame width in pixels. */
    public int width() {
        return width;
    }

    /** Frame height in pixels. */
    public int height() {
        return height;
    }

    /** The parameters. */
    public DvsParameters parameters() {
        return parameters;
    }

    /**
     * Adds a frame of intensities in 0..1 (row-major, {@code width * height}) taken at
     * {@code timeUs}. The first frame only sets the references; later frames must come later in time.
     */
    public void frame(float[] intensity, long timeUs, EventSink sink) {
        if (intensity.length != width * height) {
            throw new IllegalArgumentException("frame has " + intensity.length + " pixels, expected " + width * height);
        }
        double[] log = new double[intensity.length];
        for (int i = 0; i < log.length; i++) {
            log[i] = Math.log(Math.max(0f, intensity[i]) + parameters.epsilon());
        }
        advance(log, timeUs, sink);
    }

    /** Adds a frame of unsigned 8-bit intensities (0..255 maps to 0..1); see {@link #frame(float[], long, EventSink)}. */
    public void frame(byte[] intensity, long timeUs, EventSink sink) {
        float[] f = new float[intensity.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (intensity[i] & 0xFF) / 255f;
        }
        frame(f, timeUs, sink);
    }

    private void advance(double[] log, long timeUs, EventSink sink) {
        if (previousTimeUs == Long.MIN_VALUE) {
            System.arraycopy(log, 0, reference, 0, log.length);
            System.arraycopy(log, 0, previous, 0, log.length);
            previousTimeUs = timeUs;
            nextNoiseUs = timeUs + nextNoiseGap();
            return;
        }
        long dt = timeUs - previousTimeUs;
        if (dt <= 0 || dt > Integer.MAX_VALUE) {
            // the sort key holds the offset in 31 bits
            throw new IllegalArgumentException("frame at " + timeUs + " us must be after the previous one at "
                    + previousTimeUs + " us and within 2^31 us of it");
        }
        pending = 0;
        for (int i = 0; i < log.length; i++) {
            crossings(i, previous[i], log[i], dt);
        }
        noise(timeUs);
        flush(sink);
        System.arraycopy(log, 0, previous, 0, log.length);
        previousTimeUs = timeUs;
    }

    /** Emits pixel {@code i}'s threshold crossings while its log intensity goes from {@code from} to {@code to}. */
    private void crossings(int i, double from, double to, long dt) {
        double span = to - from;
        while (true) {
            double change = to - reference[i];
            int polarity;
            double level;
            if (change >= onThreshold[i]) {
                polarity = 1;
                level = reference[i] + onThreshold[i];
            } else if (-change >= offThreshold[i]) {
                polarity = 0;
                level = reference[i] - offThreshold[i];
            } else {
                return;
            }
            reference[i] = level;
            // fraction of the interval at which the linear log-intensity ramp reaches the level
            double fraction = span == 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (level - from) / span));
            add((long) Math.floor(fraction * dt), i, polarity);
        }
    }

    private void noise(long timeUs) {
        if (parameters.noiseRateHz() == 0) {
            return;
        }
        int n = width * height;
        while (nextNoiseUs <= timeUs) {
            long offset = Math.max(0, (long) Math.floor(nextNoiseUs) - previousTimeUs);
            add(offset, random.nextInt(n), random.nextInt(2));
            nextNoiseUs += nextNoiseGap();
        }
    }

    /** Exponential gap between background events of the whole array, in µs. */
    private double nextNoiseGap() {
        double rate = parameters.noiseRateHz() * width * height / 1e6;
        return rate == 0 ? Double.POSITIVE_INFINITY : -Math.log(1.0 - random.nextDouble()) / rate;
    }

    private void add(long offsetUs, int pixel, int polarity) {
        if (pending == keys.length) {
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            pixelOf = Arrays.copyOf(pixelOf, capacity);
            polarityOf = Arrays.copyOf(polarityOf, capacity);
        }
        // sequence in the low half keeps the sort stable and lets the key find its payload
        keys[pending] = offsetUs << 32 | pending;
        pixelOf[pending] = pixel;
        polarityOf[pending] = (byte) polarity;
        pending++;
    }

    private void flush(EventSink sink) {
        Arrays.sort(keys, 0, pending);
        for (int k = 0; k < pending; k++) {
            int index = (int) keys[k];
            int pixel = pixelOf[index];
            sink.event(pixel % width, pixel / width, polarityOf[index], previousTimeUs + (keys[k] >>> 32));
        }
        pending = 0;
    }

    private double[] thresholds(int n) {
        double[] t = new double[n];
        double c = parameters.contrastThreshold();
        double sigma = parameters.thresholdSigma();
        for (int i = 0; i < n; i++) {
            t[i] = sigma == 0 ? c : Math.max(DvsParameters.MIN_THRESHOLD, c + sigma * random.nextGaussian());
        }
        return t;
    }
}
