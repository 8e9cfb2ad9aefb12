package io.neuroedge.agent.engine;

/**
 * Work done in repeated short cycles on one thread (Agrona's {@code Agent}): a
 * {@link DutyCycleRunner} calls {@link #onStart} on its thread, then {@link #doWork} until stopped,
 * idling through a {@link BackoffIdleStrategy} whenever a cycle found nothing to do, then
 * {@link #onClose}.
 */
public interface DutyCycle {

    /** Runner thread, before the first cycle. */
    default void onStart() {
    }

    /**
     * Runner thread: does what is pending, without blocking.
     *
     * @return how much work was done; 0 lets the runner idle
     */
    int doWork();

    /** Runner thread, after the last cycle, also when a cycle threw. */
    default void onClose() {
    }
}
