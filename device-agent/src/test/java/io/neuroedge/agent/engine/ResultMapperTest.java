package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.protocol.EventBatchCodec;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

class ResultMapperTest {

    private static Engine engine() throws Exception {
        ExecutionPlan plan = new ProgramLoader().load(TestPrograms.conv(3));
        return new Engine(plan, KernelProviders.scalar());
    }

    @Test
    void shouldScoreEachClassByItsShareOfTheOutputSpikes() throws Exception {
        Engine engine = engine();
        EventBinner binner = new EventBinner(engine.plan().input(), engine::step);
        EventBatchCodec.forEach(TestPrograms.events(800, 0, true), binner);
        binner.flush();

        Result r = ResultMapper.readout(engine, 4, 800, 12, 79_900).build();
        assertEquals(4, r.getWindow());
        assertEquals(800, r.getEvents());
        assertEquals(12, r.getSteps());
        assertEquals(79_900, r.getWindowEndUs());
        assertEquals(engine.predicted(), r.getPredicted());
        int[] counts = engine.spikeCounts();
        assertArrayEquals(counts, r.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray());
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        assertTrue(total > 0, "the window made output spikes");
        for (int k = 0; k < counts.length; k++) {
            assertEquals((float) counts[k] / total, r.getScores(k));
        }
        assertEquals(0, r.getLatencyUs(), "the loop stamps the latency");
    }

    @Test
    void shouldScoreZeroWhenNoOutputSpiked() throws Exception {
        Engine engine = engine(); // not stepped: no output spikes
        Result r = ResultMapper.readout(engine, 1, 0, 0, 0).build();
        assertEquals(10, r.getScoresCount());
        for (float s : r.getScoresList()) {
            assertEquals(0f, s);
        }
    }
}
