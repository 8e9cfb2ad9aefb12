package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.TestPrograms;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class IngestQueueTest {

    /** Records pause/resume calls; producer tasks run when the test says. */
    private static final class RecordingFlow implements FlowControl {
        final List<String> calls = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void onProducer(Runnable task) {
            tasks.add(task);
        }
    }

    private static ByteBuf batch() {
        return TestPrograms.raw(TestPrograms.events(10, 0, false));
    }

    @Test
    void shouldDropNewestAndCountWhenFull() {
        RecordingFlow flow = new RecordingFlow();
        IngestQueue q = new IngestQueue(2, IngestQueue.Policy.DROP_NEWEST, flow);
        assertTrue(q.offer(batch(), 10, 0, 0));
        assertTrue(q.offer(batch(), 10, 0, 0));
        assertFalse(q.offer(batch(), 10, 0, 0));
        assertEquals(20, q.eventsIn());
        assertEquals(10, q.eventsDropped());
        assertEquals(1, q.batchesDropped());
        assertTrue(flow.calls.isEmpty(), "a dropping queue never pauses its producer");
        assertEquals(2, q.discardAll());
    }

    @Test
    void shouldReleaseADroppedBatchAtOnce() {
        IngestQueue q = new IngestQueue(1, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        ByteBuf kept = batch();
        ByteBuf dropped = batch();
        assertTrue(q.offer(kept, 10, 0, 0));
        assertFalse(q.offer(dropped, 10, 0, 0));
        assertEquals(0, dropped.refCnt());
        assertEquals(1, kept.refCnt());
        q.close();
        assertTrue(q.isClosed());
        assertEquals(1, q.discardAll());
        assertEquals(0, kept.refCnt());
    }

    @Test
    void shouldPauseWhenFullAndResumeOnTheProducerAtHalf() {
        RecordingFlow flow = new RecordingFlow();
        IngestQueue q = new IngestQueue(4, IngestQueue.Policy.PAUSE_READING, flow);
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(batch(), 10, 0, 0));
        }
        assertEquals(List.of("pause"), flow.calls);
        assertTrue(q.paused());
        assertTrue(q.poll((b, a, id) -> b.release()));
        assertTrue(flow.tasks.isEmpty(), "3 of 4 waiting: still above half");
        assertTrue(q.poll((b, a, id) -> b.release()));
        assertEquals(1, flow.tasks.size(), "half empty: resume is scheduled on the producer");
        assertTrue(q.poll((b, a, id) -> b.release()));
        assertEquals(1, flow.tasks.size(), "scheduled once");
        flow.tasks.get(0).run();
        assertEquals(List.of("pause", "resume"), flow.calls);
        assertFalse(q.paused());
        assertEquals(0, q.eventsDropped());
        q.discardAll();
    }
}
