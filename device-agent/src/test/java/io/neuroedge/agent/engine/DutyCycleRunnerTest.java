package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

class DutyCycleRunnerTest {

    /** Records on which thread each callback ran. */
    private static final class Recording implements DutyCycle {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch cycled = new CountDownLatch(3);
        volatile Thread started;
        volatile Thread closed;
        volatile RuntimeException failure;

        @Override
        public void onStart() {
            started = Thread.currentThread();
            calls.add("start");
        }

        @Override
        public int doWork() {
            if (failure != null) {
                throw failure;
            }
            cycled.countDown();
            return 0;
        }

        @Override
        public void onClose() {
            closed = Thread.currentThread();
            calls.add("close");
        }
    }

    @Test
    void shouldCycleOnItsOwnThreadBetweenStartAndClose() throws Exception {
        Recording cycle = new Recording();
        DutyCycleRunner runner = new DutyCycleRunner(cycle, new BackoffIdleStrategy(() -> false), "test-cycle");
        Thread t = runner.start();
        assertTrue(cycle.cycled.await(10, TimeUnit.SECONDS));
        assertTrue(t.isDaemon());
        assertEquals("test-cycle", t.getName());
        assertTrue(runner.stop(5000), "a parked runner stops at once");
        t.join(5000);
        assertFalse(t.isAlive());
        assertSame(t, cycle.started);
        assertSame(t, cycle.closed);
        assertEquals(List.of("start", "close"), cycle.calls);
    }

    @Test
    void shouldCloseWhenACycleThrows() throws Exception {
        Recording cycle = new Recording();
        cycle.failure = new IllegalStateException("a bug");
        DutyCycleRunner runner = new DutyCycleRunner(cycle, new BackoffIdleStrategy(() -> false), "test-cycle");
        Thread t = runner.start();
        t.join(10_000);
        assertFalse(t.isAlive(), "the thread ends");
        assertEquals(List.of("start", "close"), cycle.calls);
        assertTrue(runner.stop(1000));
    }

    @Test
    void shouldStopANeverStartedRunner() throws Exception {
        DutyCycleRunner runner = new DutyCycleRunner(new Recording(), new BackoffIdleStrategy(() -> false), "idle");
        assertTrue(runner.stop(1));
    }
}
