package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void shouldBucketWithinOnePointSixPercent() {
        long previous = -1;
        for (long v = 0; v < (1L << 32); v = v < 1000 ? v + 1 : v * 17 / 16) {
            int i = LatencyHistogram.index(v);
            long upper = LatencyHistogram.upperBound(i);
            assertTrue(upper >= v, v + " above its bucket's bound " + upper);
            assertTrue(upper - v <= Math.max(0, v / 64), v + " too far from its bound " + upper);
            assertTrue(i >= previous, "indices grow with values");
            previous = i;
        }
    }

    @Test
    void shouldComputePercentilesOverTheDifferenceOfSnapshots() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            h.record(10_000);
        }
        long[] before = h.snapshot();
        for (int i = 1; i <= 100; i++) {
            h.record(i);
        }
        long[] now = h.snapshot();
        assertEquals(50, LatencyHistogram.percentile(now, before, 0.50));
        assertEquals(99, LatencyHistogram.percentile(now, before, 0.99));
        assertTrue(LatencyHistogram.percentile(now, null, 0.99) >= 10_000);
        assertEquals(0, LatencyHistogram.percentile(now, now, 0.5), "nothing recorded in between");
    }
}
