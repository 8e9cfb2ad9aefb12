package io.neuroedge.agent.engine;

import io.neuroedge.agent.learn.DeviceLearning;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.learn.NoLearning;
import io.netty.buffer.ByteBuf;
import io.neuroedge.agent.protocol.ScannedBatch;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.InputPipeline;
import io.neuroedge.runtime.input.EventSink;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.simd.KernelProvider;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine thread's work, as an Agrona-style {@link DutyCycle}: each cycle runs commands
 * (program swaps, learning control), drains the connections' {@link IngestQueue}s round-robin into
 * the active program's {@link InputPipeline} (its event filters and binner) and {@link Engine}, closes
 * windows and publishes a
 * {@link Result} for each ({@link ResultMapper}).
 *
 * <p>Threading: a {@link DutyCycleRunner} with this loop's {@link #idleStrategy()} is the engine
 * thread (or a caller of {@link #runOnce}). {@link #register}, {@link #unregister},
 * {@link #execute}, {@link #activate} and {@link #wake} may be called from any thread; every
 * other method that touches the engine is private to the engine thread. {@link #wake} ends the
 * idle strategy's park, so an idle agent uses no CPU and a new batch is picked up within
 * microseconds.
 *
 * <p>Windows close on an {@code EventBatch.close_window} (after its events: the partial bin is
 * stepped, the result sent, the state reset) or, if {@code windowSteps > 0}, every that many
 * steps (state reset, binning continues). A batch that arrives while no program is active is
 * counted in {@link #eventsWithoutProgram()} and dropped.
 */
public final class EngineLoop implements DutyCycle {

    private static final Logger LOG = Logger.getLogger(EngineLoop.class.getName());
    private static final int BATCHES_PER_QUEUE_VISIT = 16;

    /** Receives each closed window's result, on the engine thread; must not block. */
    @FunctionalInterface
    public interface ResultSink {
        /** @param requestId the request id of the batch that closed the window, 0 for timed windows */
        void publish(long requestId, Result result);
    }

    private final KernelProvider kernels;
    private final ResultSink sink;
    private final LearningFactory learningFactory;
    private final int windowSteps;
    private final CopyOnWriteArrayList<IngestQueue> queues = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder retiredIn = new LongAdder();
    private final LongAdder retiredDropped = new LongAdder();
    private final LongAdder discardedBatches = new LongAdder();
    private final ScannedBatch layout = new ScannedBatch(); // engine thread
    private final SpscBatchQueue.Consumer consumer = this::process;
    private final EventSink tap = this::event;
    private final BackoffIdleStrategy idle = new BackoffIdleStrategy(this::hasWork);
    private volatile Thread thread;
    private volatile ProgramRef active;
    private volatile long steps;                 // engine thread writes
    private volatile long windows;               // engine thread writes
    private volatile long eventsWithoutProgram;  // engine thread writes
    private volatile long faults;                // engine thread writes

    // engine-thread state
    private Engine engine;
    private InputPipeline input;                 // the program's event filters, then its binner
    private DeviceLearning learner = NoLearning.INSTANCE;
    private volatile long learnerBytes;
    private volatile long learnedWindows;
    private volatile long eventsFiltered;        // engine thread writes, after each batch
    private long windowEvents;
    private int windowStepCount;
    private long lastEventTimeUs;
    private long lastEventArrival;

    /**
     * @param windowSteps close a window every this many steps; 0 closes windows only on
     *                    {@code close_window}
     */
    public EngineLoop(KernelProvider kernels, ResultSink sink, LearningFactory learningFactory, int windowSteps) {
        if (windowSteps < 0) {
            throw new IllegalArgumentException("windowSteps must be >= 0, got " + windowSteps);
        }
        this.kernels = kernels;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.learningFactory = Objects.requireNonNull(learningFactory, "learningFactory");
        this.windowSteps = windowSteps;
    }

    /** The idle strategy to run this loop with: {@link #wake} ends its park. */
    public BackoffIdleStrategy idleStrategy() {
        return idle;
    }

    /** Runner thread: it becomes the engine thread. */
    @Override
    public void onStart() {
        thread = Thread.currentThread();
    }

    /** Runner thread, when it ends: releases the batches still queued. */
    @Override
    public void onClose() {
        for (IngestQueue q : queues) {
            q.discardAll();
        }
    }

    /**
     * Runs one duty cycle on the calling thread, which becomes the engine thread: for tests and for
     * embedding the loop in a thread of one's own. Never call it while a runner runs this loop.
     *
     * @return the number of commands and batches handled
     */
    public int runOnce() {
        thread = Thread.currentThread();
        return doWork();
    }

    /** Engine thread: one duty cycle; returns the number of commands and batches handled. */
    @Override
    public int doWork() {
        int work = 0;
        for (Runnable c; (c = commands.poll()) != null; ) {
            work++;
            try {
                c.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "engine command failed", e);
            }
        }
        for (IngestQueue q : queues) {
            if (q.isClosed()) {
                retire(q);
                work++;
                continue;
            }
            for (int i = 0; i < BATCHES_PER_QUEUE_VISIT && q.poll(consumer); i++) {
                work++;
            }
        }
        return work;
    }

    private boolean hasWork() {
        if (!commands.isEmpty()) {
            return true;
        }
        for (IngestQueue q : queues) {
            if (q.depth() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Any thread: unparks the engine thread if it sleeps (call after offering a batch). */
    public void wake() {
        idle.wake();
    }

    public void register(IngestQueue q) {
        queues.add(q);
    }

    /**
     * The queue's producer (its connection's event loop), when the connection closes: the engine
     * thread discards the batches still waiting (releasing them; counted in
     * {@link #discardedBatches()}) and adds the queue's counters to the totals.
     */
    public void unregister(IngestQueue q) {
        q.close();
        wake();
    }

    private void retire(IngestQueue q) {
        discardedBatches.add(q.discardAll());
        queues.remove(q);
        retiredIn.add(q.eventsIn());
        retiredDropped.add(q.eventsDropped());
    }

    /** Any thread: runs {@code command} on the engine thread, between two batches. */
    public void execute(Runnable command) {
        commands.add(command);
        wake();
    }

    /**
     * Any thread: builds an engine for {@code program} on the calling thread (allocation happens
     * here, not on the engine thread) and swaps it in between two batches. The previous program
     * serves every batch before that point.
     */
    public void activate(StoredProgram program) {
        activate(program, null);
    }

    /** As {@link #activate(StoredProgram)}; {@code done} runs on the engine thread after the swap. */
    public void activate(StoredProgram program, Runnable done) {
        Engine next = new Engine(program.plan(), kernels);
        execute(() -> {
            swap(program, next);
            if (done != null) {
                done.run();
            }
        });
    }

    /** Any thread: records that the running engine now corresponds to {@code ref} (a learning checkpoint). */
    public void adopt(ProgramRef ref) {
        execute(() -> active = ref);
    }

    private void swap(StoredProgram program, Engine next) {
        ProgramRef ref = program.ref();
        ExecutionPlan plan = next.plan();
        engine = next;
        input = new InputPipeline(plan.input(), this::onStep);
        try {
            learner = learningFactory.create(next, program);
        } catch (RuntimeException e) {
            // a learner that cannot attach must not keep the program from serving
            LOG.log(Level.WARNING, "on-device learning unavailable for " + ref.getName(), e);
            learner = NoLearning.INSTANCE;
        }
        learnerBytes = learner.learnerBytes();
        learnedWindows = 0;
        eventsFiltered = 0;
        windowEvents = 0;
        windowStepCount = 0;
        active = ref;
        LOG.info("active program: " + ref.getName() + " v" + ref.getVersion() + " (body sha256 " + plan.digest() + ")");
    }

    /** Any thread: the active program's learner memory and learned windows (for telemetry). */
    public long learnerBytes() {
        return learnerBytes;
    }

    public long learnedWindows() {
        return learnedWindows;
    }

    /** Any thread: events the active program's event filters removed since its activation. */
    public long eventsFiltered() {
        return eventsFiltered;
    }

    /** Engine thread only: the learner of the active program. */
    public DeviceLearning learner() {
        assertEngineThread();
        return learner;
    }

    private void assertEngineThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("engine state touched outside the engine thread");
        }
    }

    private void process(ByteBuf batch, long arrivalNanos, long requestId) {
        try {
            processBatch(batch, arrivalNanos, requestId);
        } catch (RuntimeException e) {
            // a fault in one batch must not stop the engine thread: count it, start a clean window
            faults = faults + 1;
            LOG.log(Level.WARNING, "batch failed; window state reset", e);
            if (engine != null) {
                learner.windowClosed(windowStepCount);
                engine.reset();
                input.restart();
                windowEvents = 0;
                windowStepCount = 0;
            }
        } finally {
            batch.release();
        }
    }

    private void processBatch(ByteBuf batch, long arrivalNanos, long requestId) {
        // the ingest handler scanned and validated this batch before queueing it; the scan here only
        // locates its fields again (a few varints), the events are read once, in forEach
        if (!layout.scan(batch, batch.readerIndex(), batch.writerIndex())) {
            throw new IllegalStateException("a queued batch no longer scans");
        }
        if (engine == null) {
            eventsWithoutProgram = eventsWithoutProgram + layout.validate(batch);
            return;
        }
        if (layout.hasEvents()) {
            lastEventArrival = arrivalNanos; // before the events: a timed window may close inside forEach
        }
        windowEvents += layout.forEach(batch, tap);
        // before a result goes out: a client that has it and then asks for telemetry sees these events
        eventsFiltered = input.filteredEvents();
        if (layout.closeWindow()) {
            input.flush();
            closeWindow(requestId, lastEventArrival == 0 ? arrivalNanos : lastEventArrival);
            input.restart();
        }
    }

    private void event(int x, int y, int polarity, long timeUs) {
        lastEventTimeUs = timeUs;
        input.event(x, y, polarity, timeUs);
    }

    private void onStep(byte[] counts) {
        engine.step(counts);
        learner.afterStep();
        steps = steps + 1;
        windowStepCount++;
        if (windowSteps > 0 && windowStepCount >= windowSteps) {
            closeWindow(0, lastEventArrival);
        }
    }

    private void closeWindow(long requestId, long lastArrivalNanos) {
        Result.Builder r = ResultMapper.readout(engine, windows + 1, windowEvents, windowStepCount, lastEventTimeUs);
        long micros = lastArrivalNanos == 0 ? 0 : (System.nanoTime() - lastArrivalNanos) / 1000;
        latency.record(micros);
        r.setLatencyUs((int) Math.min(Integer.MAX_VALUE, micros));
        windows = windows + 1;
        learner.windowClosed(windowStepCount);
        learnedWindows = learner.learnedWindows();
        windowEvents = 0;
        windowStepCount = 0;
        engine.reset();
        try {
            sink.publish(requestId, r.build());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "result sink failed", e);
        }
    }

    /** The active program, or null. */
    public ProgramRef active() {
        return active;
    }

    public LatencyHistogram latency() {
        return latency;
    }

    /** Engine steps since start. */
    public long steps() {
        return steps;
    }

    public long windows() {
        return windows;
    }

    /** Batches whose processing threw (a bug, never expected); each reset the window. */
    public long faults() {
        return faults;
    }

    public long eventsWithoutProgram() {
        return eventsWithoutProgram;
    }

    /** Events accepted into any queue since start, including closed connections. */
    public long eventsIn() {
        long sum = retiredIn.sum();
        for (IngestQueue q : queues) {
            sum += q.eventsIn();
        }
        return sum;
    }

    /** Events dropped by full queues since start, plus those that arrived with no program active. */
    public long eventsDropped() {
        long sum = retiredDropped.sum() + eventsWithoutProgram;
        for (IngestQueue q : queues) {
            sum += q.eventsDropped();
        }
        return sum;
    }

    /** Batches still queued when their connection closed, discarded since start. */
    public long discardedBatches() {
        return discardedBatches.sum();
    }

    /** Batches waiting in all queues. */
    public int queueDepth() {
        int sum = 0;
        for (IngestQueue q : queues) {
            sum += q.depth();
        }
        return sum;
    }
}
