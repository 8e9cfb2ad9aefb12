package io.neuroedge.agent.engine;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a {@link DutyCycleRunner}'s thread waits for work (Agrona's {@code BackoffIdleStrategy}, plus
 * a wake-up): after an empty cycle it spins briefly, then yields, then parks until a producer calls
 * {@link #wake} or at most {@link #MAX_PARK_NANOS}, so an idle agent uses no CPU and new work is
 * picked up within microseconds. Any cycle that did work starts the backoff over.
 */
public final class BackoffIdleStrategy {

    /** Empty cycles that spin; up to {@link #YIELD_UNTIL} they yield, after that they park. */
    static final int SPIN_UNTIL = 64;
    static final int YIELD_UNTIL = 128;
    /** Longest park: a missed wake-up costs at most this. */
    static final long MAX_PARK_NANOS = 1_000_000;

    private final BooleanSupplier hasWork;
    private int idle;                 // idling thread only
    private volatile boolean sleeping;
    private volatile Thread sleeper;

    /** @param hasWork whether work is pending, checked (from the idling thread) just before parking */
    public BackoffIdleStrategy(BooleanSupplier hasWork) {
        this.hasWork = hasWork;
    }

    /** Idling thread: called after each cycle with the work it did. */
    public void idle(int workCount) {
        if (workCount > 0) {
            idle = 0;
        } else if (++idle < SPIN_UNTIL) {
            Thread.onSpinWait();
        } else if (idle < YIELD_UNTIL) {
            Thread.yield();
        } else {
            sleeper = Thread.currentThread();
            sleeping = true;
            VarHandle.fullFence(); // a producer's offer either is seen below or sees sleeping (its wake)
            if (!hasWork.getAsBoolean()) {
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
            }
            sleeping = false;
        }
    }

    /** Any thread: unparks the idling thread if it sleeps (call after handing it work). */
    public void wake() {
        VarHandle.fullFence();
        if (sleeping) {
            LockSupport.unpark(sleeper);
        }
    }
}
