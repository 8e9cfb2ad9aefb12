package io.neuroedge.agent.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that runs a {@link DutyCycle} (Agrona's {@code AgentRunner}): cycles until
 * {@link #stop}, idling through the given {@link BackoffIdleStrategy} after empty cycles. A cycle
 * that throws ends the thread (the cycle catches what it can survive itself); {@code onClose}
 * runs either way.
 */
public final class DutyCycleRunner implements Runnable {

    private final DutyCycle cycle;
    private final BackoffIdleStrategy idle;
    private final String threadName;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;

    public DutyCycleRunner(DutyCycle cycle, BackoffIdleStrategy idle, String threadName) {
        this.cycle = cycle;
        this.idle = idle;
        this.threadName = threadName;
    }

    /** Starts the thread (a platform daemon thread: it spins and must not be unmounted). */
    public Thread start() {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            cycle.onStart();
            while (running) {
                idle.idle(cycle.doWork());
            }
        } finally {
            cycle.onClose();
            stopped.countDown();
        }
    }

    /** Any thread: stops the cycles and waits up to {@code timeoutMillis} for the thread to end. */
    public boolean stop(long timeoutMillis) throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return t == null || stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
