package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.protocol.EventBatchCodec;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

class EngineLoopTest {

    private final List<long[]> ids = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();

    private EngineLoop loop(int windowSteps) {
        return new EngineLoop(KernelProviders.scalar(), (id, r) -> {
            ids.add(new long[] {id});
            results.add(r);
        }, LearningFactory.NONE, windowSteps);
    }

    private static StoredProgram program(long seed) throws Exception {
        byte[] file = TestPrograms.conv(seed);
        ExecutionPlan plan = new ProgramLoader().load(file);
        return new StoredProgram(ProgramRef.newBuilder().setName("conv").setVersion(1).build(), plan, file);
    }

    @Test
    void shouldAnswerAClosedWindowExactlyAsALocalEngine() throws Exception {
        StoredProgram p = program(3);
        EngineLoop loop = loop(0);
        loop.activate(p);
        loop.runOnce();
        IngestQueue q = new IngestQueue(8, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        loop.register(q);
        EventBatch first = TestPrograms.events(500, 1_000, false);
        EventBatch last = TestPrograms.events(300, 60_000, true);
        q.offer(TestPrograms.raw(first), 500, System.nanoTime(), 0);
        q.offer(TestPrograms.raw(last), 300, System.nanoTime(), 42);
        loop.runOnce();

        Engine local = new Engine(p.plan(), KernelProviders.scalar());
        EventBinner binner = new EventBinner(p.plan().input(), local::step);
        EventBatchCodec.forEach(first, binner);
        EventBatchCodec.forEach(last, binner);
        binner.flush();

        assertEquals(1, results.size());
        Result r = results.get(0);
        assertEquals(42, ids.get(0)[0], "the result echoes the closing batch's request id");
        assertEquals(local.predicted(), r.getPredicted());
        assertArrayEquals(local.spikeCounts(), r.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray());
        assertEquals(800, r.getEvents());
        assertEquals(local.steps(), r.getSteps());
        assertEquals(1, r.getWindow());
        assertEquals(10, r.getScoresCount());
        assertEquals(800, loop.eventsIn());
    }

    @Test
    void shouldResetStateBetweenWindows() throws Exception {
        EngineLoop loop = loop(0);
        loop.activate(program(5));
        IngestQueue q = new IngestQueue(8, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        loop.register(q);
        q.offer(TestPrograms.raw(TestPrograms.events(400, 0, true)), 400, System.nanoTime(), 1);
        loop.runOnce();
        q.offer(TestPrograms.raw(TestPrograms.events(400, 999_000, true)), 400, System.nanoTime(), 2);
        loop.runOnce();
        assertEquals(2, results.size());
        assertEquals(results.get(0).getSpikeCountsList(), results.get(1).getSpikeCountsList(),
                "the same events after a reset give the same answer");
        assertEquals(results.get(0).getSteps(), results.get(1).getSteps());
        assertEquals(2, results.get(1).getWindow());
    }

    @Test
    void shouldCloseTimedWindowsEveryNSteps() throws Exception {
        EngineLoop loop = loop(10);
        loop.activate(program(1));
        IngestQueue q = new IngestQueue(8, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        loop.register(q);
        // 1000 events 100 us apart = 100 ms = 100 steps of 1 ms: 9 full windows before the last partial bin
        q.offer(TestPrograms.raw(TestPrograms.events(1000, 0, false)), 1000, System.nanoTime(), 0);
        loop.runOnce();
        assertEquals(9, results.size());
        for (Result r : results) {
            assertEquals(10, r.getSteps());
        }
        assertEquals(0, ids.get(0)[0], "timed windows answer no request");
    }

    @Test
    void shouldCountBatchesThatArriveWithoutAProgram() {
        EngineLoop loop = loop(0);
        IngestQueue q = new IngestQueue(8, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        loop.register(q);
        q.offer(TestPrograms.raw(TestPrograms.events(50, 0, true)), 50, System.nanoTime(), 1);
        loop.runOnce();
        assertTrue(results.isEmpty());
        assertEquals(50, loop.eventsWithoutProgram());
        assertEquals(50, loop.eventsDropped());
    }

    @Test
    void shouldSwapProgramsBetweenBatchesOnTheEngineThread() throws Exception {
        EngineLoop loop = loop(0);
        DutyCycleRunner runner = new DutyCycleRunner(loop, loop.idleStrategy(), "test-engine");
        Thread t = runner.start();
        try {
            CountDownLatch swapped = new CountDownLatch(1);
            loop.activate(program(7), swapped::countDown);
            assertTrue(swapped.await(10, TimeUnit.SECONDS));
            assertEquals("conv", loop.active().getName());
            CountDownLatch learnerChecked = new CountDownLatch(1);
            boolean[] available = {true};
            loop.execute(() -> {
                available[0] = loop.learner().available();
                learnerChecked.countDown();
            });
            assertTrue(learnerChecked.await(10, TimeUnit.SECONDS));
            assertFalse(available[0], "no learner is plugged in yet");
        } finally {
            assertTrue(runner.stop(5000));
            t.join(5000);
        }
    }
}
