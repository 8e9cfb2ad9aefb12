package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;

import java.util.SplittableRandom;

/**
 * Adds sensor background activity to a recording: every pixel fires random events (random
 * polarity) as a Poisson process of {@code rateHz}, over the recording's time span, merged in time
 * order with the original events. Models a noisier sensor (or a warmer one, or worse light) for
 * domain-shift experiments on recordings that already exist.
 */
public final class BackgroundNoise {

    private BackgroundNoise() {
    }

    /** A new recording: {@code events} plus noise; deterministic for a given seed. */
    public static EventArray add(EventArray events, int width, int height, double rateHz, long seed) {
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("noise rate must be >= 0 Hz, got " + rateHz);
        }
        int n = events.size();
        if (n == 0 || rateHz == 0) {
            return copy(events);
        }
        long t0 = events.timeUs(0);
        long span = Math.max(1, events.timeUs(n - 1) - t0);
        // the superposition of per-pixel Poisson processes is one process of the summed rate
        double meanGapUs = 1e6 / (rateHz * width * height);
        SplittableRandom rnd = new SplittableRandom(seed);
        EventArray noise = new EventArray();
        for (double t = exponential(rnd, meanGapUs); t < span; t += exponential(rnd, meanGapUs)) {
            noise.event(rnd.nextInt(width), rnd.nextInt(height), rnd.nextInt(2), t0 + (long) t);
        }
        EventArray out = new EventArray(n + noise.size());
        int i = 0;
        int j = 0;
        while (i < n || j < noise.size()) {
            if (j >= noise.size() || i < n && events.timeUs(i) <= noise.timeUs(j)) {
                out.event(events.x(i), events.y(i), events.polarity(i), events.timeUs(i));
                i++;
            } else {
                out.event(noise.x(j), noise.y(j), noise.polarity(j), noise.timeUs(j));
                j++;
            }
        }
        return out;
    }

    private static double exponential(SplittableRandom rnd, double mean) {
        return -mean * Math.log(1 - rnd.nextDouble());
    }

    private static EventArray copy(EventArray events) {
        EventArray out = new EventArray(Math.max(16, events.size()));
        events.replay(out);
        return out;
    }
}
