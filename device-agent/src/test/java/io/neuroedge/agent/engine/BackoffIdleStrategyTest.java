package io.neuroedge.agent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

class BackoffIdleStrategyTest {

    @Test
    void shouldSpinThenYieldAndOnlyThenConsiderParking() {
        AtomicInteger checks = new AtomicInteger();
        BackoffIdleStrategy idle = new BackoffIdleStrategy(() -> {
            checks.incrementAndGet();
            return true; // work is pending: never actually parks
        });
        for (int i = 1; i < BackoffIdleStrategy.YIELD_UNTIL; i++) {
            idle.idle(0);
        }
        assertEquals(0, checks.get(), "spinning and yielding do not look for work");
        idle.idle(0);
        assertEquals(1, checks.get(), "the next empty cycle would park: it checks for work first");
        idle.idle(0);
        assertEquals(2, checks.get());

        idle.idle(3); // a cycle with work starts the backoff over
        for (int i = 1; i < BackoffIdleStrategy.YIELD_UNTIL; i++) {
            idle.idle(0);
        }
        assertEquals(2, checks.get());
    }

    @Test
    void shouldNotParkWhileWorkIsPending() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(() -> true);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            idle.idle(0);
        }
        // ~9,900 parks of up to 1 ms would take seconds
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void shouldParkAtMostBrieflyWithoutWork() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(() -> false);
        long start = System.nanoTime();
        for (int i = 0; i < BackoffIdleStrategy.YIELD_UNTIL + 20; i++) {
            idle.idle(0);
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "parks end after at most 1 ms each");
        idle.wake(); // nobody sleeps: nothing to do
    }
}
