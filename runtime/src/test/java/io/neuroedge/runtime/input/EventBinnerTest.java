package io.neuroedge.runtime.input;

import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InputPlan;
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.simd.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events to time bins: bins start at the first event, empty bins are stepped, flush ends a
 * recording, polarity picks the channel, crop and downsampling select the pixel, counts saturate,
 * and bad streams (outside, late, huge jumps) are counted instead of derailing the engine.
 */
class EventBinnerTest {

    private static final long BIN = 1000;

    /** A 4x4 sensor, no crop or downsampling, two channels: OFF -> 0, ON -> 1; max count 3. */
    private static InputPlan plain() {
        return input(new Shape(2, 4, 4), 3, new InputPlan.EventMapping(4, 4, 0, 1, 0, 0, 0, BIN));
    }

    private static InputPlan input(Shape shape, int maxCount, InputPlan.EventMapping mapping) {
        return new InputPlan(shape, maxCount, Optional.of(mapping));
    }

    /** A StepSink that copies every bin (the binner reuses its array). */
    private static final class Recorder implements EventBinner.StepSink {
        final List<byte[]> bins = new ArrayList<>();

        @Override
        public void step(byte[] counts) {
            bins.add(counts.clone());
        }

        byte[] bin(int i) {
            return bins.get(i);
        }

        int count(int i) {
            int n = 0;
            for (byte b : bins.get(i)) {
                n += b;
            }
            return n;
        }
    }

    /** Index of (channel, y, x) in a channel-major 2x4x4 bin. */
    private static int at(int channel, int y, int x) {
        return channel * 16 + y * 4 + x;
    }

    @Test
    void shouldStartBinsAtTheFirstEvent() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.event(0, 0, 1, 5_500);   // bin 0 is [5500, 6500)
        binner.event(1, 0, 1, 6_499);   // still bin 0
        assertEquals(0, r.bins.size(), "a bin is handed over only when it is finished");
        binner.event(2, 0, 1, 6_500);   // bin 1 [6500, 7500): bin 0 is finished
        assertEquals(1, r.bins.size());
        assertEquals(2, r.count(0));
        assertEquals(1, r.bin(0)[at(1, 0, 0)]);
        assertEquals(1, r.bin(0)[at(1, 0, 1)]);
        binner.event(3, 0, 1, 7_499);   // bin 1
        binner.flush();
        assertEquals(2, r.bins.size());
        assertEquals(2, r.count(1));
        assertEquals(1, r.bin(1)[at(1, 0, 2)]);
        assertEquals(1, r.bin(1)[at(1, 0, 3)]);
        assertEquals(2, binner.steps());
        assertEquals(4, binner.binnedEvents());
    }

    @Test
    void shouldEmitEmptyBinsBetweenDistantEvents() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.event(1, 1, 0, 0);
        binner.event(2, 2, 0, 3_500);   // bins 1 and 2 are empty: the leak must still run
        binner.flush();
        assertEquals(4, r.bins.size());
        assertEquals(1, r.bin(0)[at(0, 1, 1)]);
        assertEquals(1, r.count(0));
        assertEquals(0, r.count(1));
        assertEquals(0, r.count(2));
        assertEquals(1, r.bin(3)[at(0, 2, 2)]);
        assertEquals(1, r.count(3));
    }

    @Test
    void flushShouldEmitTheLastPartialBinOnce() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.flush();
        assertEquals(0, r.bins.size(), "nothing to flush before the first event");
        binner.event(3, 3, 1, 100);
        binner.flush();
        assertEquals(1, r.bins.size());
        assertEquals(1, r.bin(0)[at(1, 3, 3)]);
        binner.flush();
        assertEquals(1, r.bins.size(), "a second flush has nothing to emit");
    }

    @Test
    void shouldStartANewTimeBaseAfterAFlush() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.event(0, 0, 0, 10_000);
        binner.flush();
        binner.event(1, 0, 0, 500);    // earlier than the last recording: a new recording, not late
        binner.event(2, 0, 0, 1_499);  // same bin as the previous event
        binner.flush();
        assertEquals(2, r.bins.size());
        assertEquals(2, r.count(1));
        assertEquals(0, binner.lateEvents());
    }

    @Test
    void shouldMapPolarityToTheConfiguredChannels() {
        Recorder r = new Recorder();
        // swapped: OFF -> channel 1, ON -> channel 0
        EventBinner binner = new EventBinner(input(new Shape(2, 4, 4), 3,
                new InputPlan.EventMapping(4, 4, 1, 0, 0, 0, 0, BIN)), r);
        binner.event(1, 2, 0, 0);   // OFF
        binner.event(3, 0, 1, 0);   // ON
        binner.event(0, 0, 7, 0);   // any non-zero polarity is ON
        binner.flush();
        byte[] expected = new byte[32];
        expected[at(1, 2, 1)] = 1;
        expected[at(0, 0, 3)] = 1;
        expected[at(0, 0, 0)] = 1;
        assertArrayEquals(expected, r.bin(0));
    }

    @Test
    void shouldMergePolaritiesWithOneChannel() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(input(new Shape(1, 4, 4), 5,
                new InputPlan.EventMapping(4, 4, 0, 0, 0, 0, 0, BIN)), r);
        binner.event(2, 2, 0, 0);
        binner.event(2, 2, 1, 0);
        binner.flush();
        assertEquals(2, r.bin(0)[2 * 4 + 2]);
    }

    @Test
    void shouldCropAndDownsample() {
        Recorder r = new Recorder();
        // 16x16 sensor, window x in [4, 4 + (4 << 1)) = [4, 12), y in [2, 10); pixels are 2x2 sensor blocks
        EventBinner binner = new EventBinner(input(new Shape(1, 4, 4), 9,
                new InputPlan.EventMapping(16, 16, 0, 0, 4, 2, 1, BIN)), r);
        binner.event(4, 2, 1, 0);     // (0, 0)
        binner.event(5, 3, 1, 0);     // (0, 0): same 2x2 block
        binner.event(11, 9, 1, 0);    // ((11-4)>>1, (9-2)>>1) = (3, 3)
        binner.event(6, 9, 1, 0);     // (1, 3)
        binner.event(12, 2, 1, 0);    // x = 12 is past the window: dropped
        binner.event(3, 5, 1, 0);     // x = 3 is before the window: dropped
        binner.event(8, 10, 1, 0);    // y = 10 is past the window: dropped
        binner.event(8, 1, 1, 0);     // y = 1 is before the window: dropped
        binner.event(-1, 4, 1, 0);    // negative coordinates from a corrupt stream: dropped
        binner.flush();
        byte[] expected = new byte[16];
        expected[0] = 2;
        expected[3 * 4 + 3] = 1;
        expected[3 * 4 + 1] = 1;
        assertArrayEquals(expected, r.bin(0));
        assertEquals(5, binner.outsideEvents());
        assertEquals(4, binner.binnedEvents());
    }

    @Test
    void shouldSaturateCountsAtMaxCount() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);   // max count 3
        for (int i = 0; i < 10; i++) {
            binner.event(2, 1, 1, i);
        }
        binner.event(0, 0, 1, 20);
        binner.flush();
        assertEquals(3, r.bin(0)[at(1, 1, 2)]);
        assertEquals(1, r.bin(0)[at(1, 0, 0)]);
        assertEquals(11, binner.binnedEvents(), "saturated events still count as binned");
    }

    @Test
    void shouldSaturateAt127() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(input(new Shape(1, 1, 1), 127,
                new InputPlan.EventMapping(1, 1, 0, 0, 0, 0, 0, BIN)), r);
        for (int i = 0; i < 300; i++) {
            binner.event(0, 0, 1, 0);
        }
        binner.flush();
        assertEquals(127, r.bin(0)[0], "no wrap-around past a byte");
    }

    @Test
    void shouldCountLateEventsIntoTheCurrentBin() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.event(0, 0, 1, 5_000);   // bin [5000, 6000)
        binner.event(1, 0, 1, 7_000);   // emits bins 0 and 1; now in [7000, 8000)
        binner.event(2, 0, 1, 6_000);   // older than the current bin: late, counted into it
        binner.event(3, 0, 1, 100);     // very late
        binner.flush();
        assertEquals(3, r.bins.size());
        assertEquals(1, r.count(0));
        assertEquals(0, r.count(1));
        assertEquals(3, r.count(2));
        assertEquals(1, r.bin(2)[at(1, 0, 2)]);
        assertEquals(2, binner.lateEvents());
        assertEquals(4, binner.binnedEvents());
    }

    @Test
    void shouldRestartInsteadOfSteppingThroughAHugeGap() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r, 100);
        binner.event(0, 0, 1, 0);
        binner.event(1, 0, 1, 1_000_000_000_000L);   // a billion bins ahead: a corrupt timestamp
        assertEquals(1, binner.gapRestarts());
        assertEquals(1, r.bins.size(), "only the open bin is emitted");
        assertEquals(1, r.bin(0)[at(1, 0, 0)]);
        binner.event(2, 0, 1, 1_000_000_000_999L);   // same bin as the restart event
        binner.event(3, 0, 1, 1_000_000_001_000L);   // the next bin, relative to the new time base
        binner.flush();
        assertEquals(3, r.bins.size());
        assertEquals(2, r.count(1));
        assertEquals(1, r.count(2));
    }

    @Test
    void shouldStepThroughAGapUpToTheLimit() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r, 100);
        binner.event(0, 0, 1, 0);
        binner.event(0, 0, 1, 100 * BIN);   // exactly 100 bins ahead: stepped, not restarted
        assertEquals(0, binner.gapRestarts());
        assertEquals(100, r.bins.size());
        binner.event(0, 0, 1, 100 * BIN + 101 * BIN);   // 101 bins ahead of the current bin: restart
        assertEquals(1, binner.gapRestarts());
        assertEquals(101, r.bins.size());
    }

    @Test
    void restartShouldDiscardThePartialBinAndTheTimeBase() {
        Recorder r = new Recorder();
        EventBinner binner = new EventBinner(plain(), r);
        binner.event(0, 0, 1, 50_000);
        binner.event(1, 0, 1, 51_000);   // bin 0 emitted, bin 1 open with one event
        binner.event(9, 9, 1, 51_001);   // outside: counted
        binner.restart();
        binner.event(2, 2, 0, 10);       // new recording: new time base, no late event
        binner.event(3, 3, 0, 20);
        binner.flush();
        assertEquals(2, r.bins.size());
        assertEquals(1, r.count(0));
        assertEquals(2, r.count(1), "the discarded partial bin does not leak into the next recording");
        assertEquals(1, r.bin(1)[at(0, 2, 2)]);
        assertEquals(1, r.bin(1)[at(0, 3, 3)]);
        assertEquals(0, binner.lateEvents());
        assertEquals(1, binner.outsideEvents(), "counters survive a restart");
        assertEquals(4, binner.binnedEvents());
        assertEquals(2, binner.steps());
    }

    @Test
    void shouldRequireAnEventEncoding() {
        InputPlan noEvents = new InputPlan(Shape.vector(4), 1, Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> new EventBinner(noEvents, counts -> { }));
        assertThrows(NullPointerException.class, () -> new EventBinner(plain(), null));
    }

    @Test
    void shouldDriveAnEngineOneStepPerBin() {
        ExecutionPlan plan = StandardNetworks.nmnistConv(1);
        Engine engine = new Engine(plan, ScalarKernels.INSTANCE);
        EventBinner binner = new EventBinner(plan.input(), engine::step);
        long t = 0;
        for (int i = 0; i < 5_000; i++) {
            t += 7;   // 5000 events over 35 ms: 35 bins of 1 ms
            binner.event((i * 13) % 34, (i * 7) % 34, i & 1, t);
        }
        binner.flush();
        assertEquals(35, binner.steps());
        assertEquals(35, engine.steps());
        assertEquals(5_000, binner.binnedEvents());
        assertTrue(engine.synapticOps() > 0);
    }
}
