package io.neuroedge.host.render;

import io.neuroedge.runtime.input.EventSink;

import java.awt.image.BufferedImage;

/**
 * Accumulates events on a {@code width x height} grid (per-pixel ON and OFF counts and the time of
 * the latest event) and draws them as an RGB image a person can read. Events outside the grid are
 * counted in {@link #outside()} and otherwise ignored. Every pixel that received an event is drawn
 * non-black, so sparse activity stays visible; untouched pixels are black.
 */
public final class EventRenderer implements EventSink {

    /** Largest output side in pixels, against accidental multi-gigabyte images. */
    public static final int MAX_SIDE = 16_384;

    private final int width;
    private final int height;
    private final int[] on;
    private final int[] off;
    private final long[] last;
    private long firstUs = Long.MAX_VALUE;
    private long lastUs = Long.MIN_VALUE;
    private long outside;

    /** An empty accumulator for a {@code width x height} sensor. */
    public EventRenderer(int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("bad image size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        on = new int[width * height];
        off = new int[width * height];
        last = new long[width * height];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
    }

    @Override
    public void event(int x, int y, int polarity, long timeUs) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            outside++;
            return;
        }
        int i = y * width + x;
        if (polarity != 0) {
            on[i]++;
        } else {
            off[i]++;
        }
        last[i] = Math.max(last[i], timeUs);
        firstUs = Math.min(firstUs, timeUs);
        lastUs = Math.max(lastUs, timeUs);
    }

    /** Events that fell outside the grid. */
    public long outside() {
        return outside;
    }

    /** Time span of the accumulated events in µs (0 when empty). */
    public long spanUs() {
        return lastUs < firstUs ? 0 : lastUs - firstUs;
    }

    /**
     * Draws the accumulated events, each sensor pixel as a {@code scale x scale} block.
     *
     * @param tauUs decay constant of {@link RenderMode#TIMESURFACE}; ignored by the other modes
     */
    public BufferedImage render(RenderMode mode, int scale, double tauUs) {
        if (scale < 1 || (long) width * scale > MAX_SIDE || (long) height * scale > MAX_SIDE) {
            throw new IllegalArgumentException("scale " + scale + " must be >= 1 and keep the image within "
                    + MAX_SIDE + " pixels a side (sensor " + width + "x" + height + ")");
        }
        if (mode == RenderMode.TIMESURFACE && !(tauUs > 0)) {
            throw new IllegalArgumentException("time-surface tau must be > 0 us: " + tauUs);
        }
        int maxOn = 0;
        int maxOff = 0;
        int maxAll = 0;
        for (int i = 0; i < on.length; i++) {
            maxOn = Math.max(maxOn, on[i]);
            maxOff = Math.max(maxOff, off[i]);
            maxAll = Math.max(maxAll, on[i] + off[i]);
        }
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int rgb = switch (mode) {
                    case COUNTS -> grey(logLevel(on[i] + off[i], maxAll));
                    case POLARITY -> logLevel(off[i], maxOff) << 16 | logLevel(on[i], maxOn) << 8;
                    case TIMESURFACE -> grey(decayLevel(i, tauUs));
                };
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    /** 0 for no events, else 1..255 growing with log(1 + count). */
    private static int logLevel(int count, int max) {
        if (count == 0) {
            return 0;
        }
        // the floor of 1 keeps single events visible next to very busy pixels
        return Math.max(1, (int) Math.round(255 * Math.log1p(count) / Math.log1p(max)));
    }

    private int decayLevel(int i, double tauUs) {
        if (last[i] == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(1, (int) Math.round(255 * Math.exp(-(lastUs - last[i]) / tauUs)));
    }

    private static int grey(int level) {
        return level << 16 | level << 8 | level;
    }
}
