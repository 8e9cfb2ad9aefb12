package io.neuroedge.runtime.input;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three filters chained in front of a counting sink allocate nothing per event. */
class EventFilterAllocationTest {

    private static final int EVENTS = 100_000;

    /** Counts events without allocating. */
    private static final class CountingSink implements EventSink {
        long events;
        long sum;

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            events++;
            sum += x + y + polarity;
        }
    }

    @Test
    void filteringOneHundredThousandEventsDoesNotAllocate() {
        // Events prepared up front so only the filters run in the measured loop; a few
        // out-of-range coordinates exercise the drop path too.
        SplittableRandom random = new SplittableRandom(42);
        int[] xs = new int[EVENTS];
        int[] ys = new int[EVENTS];
        int[] ps = new int[EVENTS];
        long[] ts = new long[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            xs[i] = random.nextInt(-2, 130);
            ys[i] = random.nextInt(-2, 130);
            ps[i] = random.nextInt(2);
            ts[i] = i * 10L;
        }
        CountingSink counter = new CountingSink();
        BackgroundActivityFilter ba = new BackgroundActivityFilter(128, 128, 5_000, counter);
        RefractoryFilter refractory = new RefractoryFilter(128, 128, 1_000, ba);
        PolarityFilter polarity = new PolarityFilter(PolarityFilter.Mode.MERGE, refractory);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        for (int round = 0; round < 5; round++) {   // warm up: JIT-compile the filter chain
            feed(polarity, xs, ys, ps, ts);
            polarity.reset();
            refractory.reset();
            ba.reset();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        feed(polarity, xs, ys, ps, ts);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 1024, allocated + " bytes allocated filtering " + EVENTS + " events");
        assertTrue(polarity.passed() == EVENTS && refractory.outside() > 0 && counter.events > 0,
                "the chain was exercised: " + refractory.outside() + " outside, " + counter.events + " passed");
    }

    private static void feed(EventSink sink, int[] xs, int[] ys, int[] ps, long[] ts) {
        for (int i = 0; i < xs.length; i++) {
            sink.event(xs[i], ys[i], ps[i], ts[i]);
        }
    }
}
