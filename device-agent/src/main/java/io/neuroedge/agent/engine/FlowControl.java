package io.neuroedge.agent.engine;

/**
 * How an {@link IngestQueue} pauses and resumes its producer. For a Netty connection: stop and
 * restart reading the socket (auto-read), with the resume run on the connection's event loop so
 * it cannot race with a pause.
 */
public interface FlowControl {

    /** Producer thread: stop delivering batches. */
    void pause();

    /** Producer thread: deliver batches again. */
    void resume();

    /** Runs {@code task} on the producer thread. */
    void onProducer(Runnable task);

    /** For queues whose producer cannot be paused (tests, drop-only queues). */
    FlowControl NONE = new FlowControl() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void onProducer(Runnable task) {
            task.run();
        }
    };
}
