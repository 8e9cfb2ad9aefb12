package io.neuroedge.runtime.input;

import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A program's input pipeline: its filters in the documented order (polarity, refractory, background
 * activity) in front of the binner, nothing extra when it asks for none, and a restart between
 * recordings that forgets the filters' pixel history but keeps their counts.
 */
class InputPipelineTest {

    private static final long BIN = 1000;

    private static InputPlan input(EventFilterSpec filters) {
        return new InputPlan(new Shape(2, 8, 8), 5, Optional.of(
                new InputPlan.EventMapping(8, 8, 0, 1, 0, 0, 0, BIN, filters)));
    }

    private static final class Bins implements EventBinner.StepSink {
        final List<byte[]> bins = new ArrayList<>();

        @Override
        public void step(byte[] counts) {
            bins.add(counts.clone());
        }
    }

    /** Random events on an 8x8 sensor, some outside it, times rising by 0..300 us. */
    private static long[][] events(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] out = new long[n][];
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(300);
            out[i] = new long[] {rnd.nextInt(9), rnd.nextInt(9), rnd.nextInt(2), t};
        }
        return out;
    }

    private static void feed(EventSink sink, long[][] events) {
        for (long[] e : events) {
            sink.event((int) e[0], (int) e[1], (int) e[2], e[3]);
        }
    }

    @Test
    void shouldBinExactlyAsABareBinnerWhenTheProgramAsksForNoFilters() {
        long[][] ev = events(1, 5000);
        Bins viaPipeline = new Bins();
        InputPipeline pipeline = new InputPipeline(input(EventFilterSpec.NONE), viaPipeline);
        feed(pipeline, ev);
        pipeline.flush();
        Bins bare = new Bins();
        EventBinner binner = new EventBinner(input(EventFilterSpec.NONE), bare);
        feed(binner, ev);
        binner.flush();

        assertEquals(bare.bins.size(), viaPipeline.bins.size());
        for (int i = 0; i < bare.bins.size(); i++) {
            assertArrayEquals(bare.bins.get(i), viaPipeline.bins.get(i), "bin " + i);
        }
        assertEquals(0, pipeline.filteredEvents());
    }

    @Test
    void shouldChainTheFiltersInTheDocumentedOrder() {
        EventFilterSpec spec = new EventFilterSpec(PolarityFilter.Mode.ON_ONLY, 400, 900);
        long[][] ev = events(2, 20_000);
        Bins viaPipeline = new Bins();
        InputPipeline pipeline = new InputPipeline(input(spec), viaPipeline);
        feed(pipeline, ev);
        pipeline.flush();

        Bins byHand = new Bins();
        EventBinner binner = new EventBinner(input(spec), byHand);
        BackgroundActivityFilter ba = new BackgroundActivityFilter(8, 8, 900, binner);
        RefractoryFilter rf = new RefractoryFilter(8, 8, 400, ba);
        PolarityFilter pf = new PolarityFilter(PolarityFilter.Mode.ON_ONLY, rf);
        feed(pf, ev);
        binner.flush();

        assertEquals(byHand.bins.size(), viaPipeline.bins.size());
        for (int i = 0; i < byHand.bins.size(); i++) {
            assertArrayEquals(byHand.bins.get(i), viaPipeline.bins.get(i), "bin " + i);
        }
        assertEquals(pf.dropped() + rf.dropped() + ba.dropped(), pipeline.filteredEvents());
        assertEquals(binner.binnedEvents(), pipeline.binner().binnedEvents());
    }

    @Test
    void shouldSelectPolarityBeforeTheRefractoryPeriodStarts() {
        // OFF then ON on one pixel within the period: polarity first drops the OFF event, so the ON
        // event finds the pixel idle and passes (refractory first would have let OFF start the period).
        Bins bins = new Bins();
        InputPipeline p = new InputPipeline(input(new EventFilterSpec(PolarityFilter.Mode.ON_ONLY, 500, 0)), bins);
        p.event(3, 3, 0, 100);
        p.event(3, 3, 1, 200);
        p.flush();
        assertEquals(1, bins.bins.get(0)[64 + 3 * 8 + 3]);
        assertEquals(1, p.filteredEvents());
    }

    @Test
    void shouldForgetPixelHistoryButKeepCountsOnRestart() {
        Bins bins = new Bins();
        InputPipeline p = new InputPipeline(input(new EventFilterSpec(PolarityFilter.Mode.BOTH, 0, 1000)), bins);
        p.event(1, 1, 1, 100);       // no neighbour yet: dropped
        p.event(1, 2, 1, 150);       // neighbour (1,1) 50 us ago: passes
        p.flush();
        assertEquals(1, p.binner().binnedEvents());
        assertEquals(1, p.filteredEvents());

        p.restart();
        p.event(1, 2, 1, 160);       // the next recording: (1,1) from the last one must not support it
        p.flush();
        assertEquals(1, p.binner().binnedEvents());
        assertEquals(2, p.filteredEvents());
    }

    @Test
    void shouldUseTheGivenBinner() {
        Bins bins = new Bins();
        EventBinner binner = new EventBinner(input(EventFilterSpec.NONE), bins, 10);
        assertSame(binner, new InputPipeline(input(EventFilterSpec.NONE), binner).binner());
    }

    @Test
    void shouldRefuseAnInputWithoutEvents() {
        InputPlan images = new InputPlan(new Shape(1, 4, 4), 1, Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> new InputPipeline(images, counts -> { }));
    }

    @Test
    void shouldRefuseOutOfRangePeriods() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventFilterSpec(PolarityFilter.Mode.BOTH, EventFilterSpec.MAX_PERIOD_US + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventFilterSpec(PolarityFilter.Mode.BOTH, 0, -1));
        assertEquals("polarity ON_ONLY, refractory 500 us, background activity 2000 us",
                new EventFilterSpec(PolarityFilter.Mode.ON_ONLY, 500, 2000).describe());
        assertEquals("none", EventFilterSpec.NONE.describe());
    }
}
