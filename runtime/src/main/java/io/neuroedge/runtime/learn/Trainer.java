package io.neuroedge.runtime.learn;

import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.OptimizerMoments;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingCheckpoint;
import io.neuroedge.proto.model.TrainingInfo;
import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel minibatch training: each batch is split into contiguous chunks, one per worker;
 * each worker owns a {@link Learner} and a {@link Gradients}; the gradients are summed in worker
 * order (deterministic for a given thread count) and applied with one Adam step, then θ is clamped
 * to ≥ 1e-3 and α to [0, 0.99]. Epoch shuffles and rate-coded input are seeded, so a run is
 * reproducible and a checkpoint resumes it exactly. Never prints; reports through a
 * {@link ProgressListener}. Not thread-safe: one caller at a time.
 */
public final class Trainer implements AutoCloseable {

    public static final float THETA_MIN = 1e-3f;
    public static final float ALPHA_MAX = 0.99f;

    /** Training options; everything but {@code threads} must match when resuming a checkpoint. */
    public record Options(Algorithm algorithm, int timeSteps, int batchSize, float learningRate, int threads,
                          long seed, Surrogate surrogate) {
        public Options {
            if (timeSteps <= 0 || batchSize <= 0 || threads <= 0) {
                throw new IllegalArgumentException("timeSteps, batchSize and threads must be positive");
            }
            if (!(learningRate > 0f)) {
                throw new IllegalArgumentException("learning rate must be positive: " + learningRate);
            }
        }

        /** lr 1e-3, batch 128, exp surrogate, one thread per available core. */
        public static Options defaults(Algorithm algorithm, int timeSteps) {
            return new Options(algorithm, timeSteps, 128, 1e-3f, Runtime.getRuntime().availableProcessors(), 0L, Surrogate.EXP);
        }

        public Options withThreads(int n) {
            return new Options(algorithm, timeSteps, batchSize, learningRate, n, seed, surrogate);
        }

        public Options withSeed(long s) {
            return new Options(algorithm, timeSteps, batchSize, learningRate, threads, s, surrogate);
        }

        public Options withBatchSize(int b) {
            return new Options(algorithm, timeSteps, b, learningRate, threads, seed, surrogate);
        }

        public Options withLearningRate(float lr) {
            return new Options(algorithm, timeSteps, batchSize, lr, threads, seed, surrogate);
        }

        public Options withSurrogate(Surrogate s) {
            return new Options(algorithm, timeSteps, batchSize, learningRate, threads, seed, s);
        }

        /** What a checkpoint stores in {@code options} and checks on resume (threads excluded). */
        public String fingerprint() {
            return "algorithm=" + algorithm.id() + ";T=" + timeSteps + ";batch=" + batchSize + ";lr=" + learningRate
                    + ";seed=" + seed + ";surrogate=" + surrogate.name();
        }
    }

    /** Progress after each batch: running means over the epoch so far. */
    public record Progress(int epoch, int samplesDone, int samplesTotal, double meanLoss, double accuracy,
                           double samplesPerSecond) {
    }

    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(Progress p);
    }

    public record EpochResult(int epoch, double meanLoss, double trainAccuracy, double seconds, double samplesPerSecond) {
    }

    private final FloatNetwork net;
    private final Options options;
    private final Learner[] learners;
    private final Gradients[] grads;
    private final Adam adam;
    private final ExecutorService pool;
    private int epochsDone;
    /** Correct training predictions of the last batch. */
    private int lastCorrect;

    public Trainer(FloatNetwork net, Options options) {
        this.net = net;
        this.options = options;
        int n = options.threads();
        learners = new Learner[n];
        grads = new Gradients[n];
        for (int w = 0; w < n; w++) {
            learners[w] = Learner.create(net, options.algorithm(), options.timeSteps(), options.surrogate());
            grads[w] = new Gradients(net);
        }
        adam = new Adam(net);
        pool = n == 1 ? null : Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "neuroedge-train");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Resumes from a checkpoint written by {@link #checkpoint}; options must match. Threads may
     * differ, but only the same thread count continues bit-identically (gradient summation order).
     */
    public static Trainer resume(TrainingCheckpoint cp, Options options) {
        String saved = cp.getOptions().toString(StandardCharsets.UTF_8);
        if (!saved.equals(options.fingerprint())) {
            throw new IllegalArgumentException("checkpoint was trained with options '" + saved + "', resuming with '"
                    + options.fingerprint() + "'");
        }
        FloatNetwork net = FloatNetwork.fromModel(cp.getModel());
        Trainer tr = new Trainer(net, options);
        try {
            Map<String, OptimizerMoments> byName = new HashMap<>();
            for (OptimizerMoments m : cp.getMomentsList()) {
                byName.put(m.getTensor(), m);
            }
            List<FloatNetwork.Tensor> ts = net.tensors();
            if (byName.size() != ts.size()) {
                throw new IllegalArgumentException("checkpoint has moments for " + byName.size() + " tensors, the network has " + ts.size());
            }
            for (int i = 0; i < ts.size(); i++) {
                FloatNetwork.Tensor t = ts.get(i);
                OptimizerMoments m = byName.get(t.name());
                if (m == null) {
                    throw new IllegalArgumentException("checkpoint has no optimizer moments for " + t.name());
                }
                int len = t.data().length;
                copyIn(t, net, FloatNetwork.unboxed(m.getFirstList(), len, t.name() + " first moment"), tr.adam.first[i]);
                copyIn(t, net, FloatNetwork.unboxed(m.getSecondList(), len, t.name() + " second moment"), tr.adam.second[i]);
            }
        } catch (RuntimeException e) {
            tr.close();
            throw e;
        }
        tr.adam.steps = cp.getOptimizerSteps();
        tr.epochsDone = cp.getEpochsDone();
        return tr;
    }

    private static void copyIn(FloatNetwork.Tensor t, FloatNetwork net, float[] modelLayout, float[] dst) {
        float[] a = t.kind() == FloatNetwork.Kind.WEIGHTS ? net.ops[t.layer()].fromModelLayout(modelLayout) : modelLayout;
        System.arraycopy(a, 0, dst, 0, a.length);
    }

    public FloatNetwork network() {
        return net;
    }

    public Options options() {
        return options;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public long optimizerSteps() {
        return adam.steps;
    }

    /** Extra bytes of one worker's learner (see {@link Learner#learnerBytes()}). */
    public long learnerBytesPerWorker() {
        return learners[0].learnerBytes();
    }

    /** One epoch over {@code train} in a seeded shuffle; {@code listener} may be null. */
    public EpochResult trainEpoch(SampleSource train, ProgressListener listener) {
        checkSource(train);
        int epoch = epochsDone;
        int n = train.size();
        int[] order = shuffle(n, options.seed(), epoch);
        int bs = options.batchSize();
        long t0 = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < n; start += bs) {
            int end = Math.min(n, start + bs);
            lossSum += batch(train, order, start, end, epoch);
            correct += lastCorrect;
            if (listener != null) {
                double sec = (System.nanoTime() - t0) / 1e9;
                listener.onProgress(new Progress(epoch, end, n, lossSum / end, (double) correct / end, end / sec));
            }
        }
        epochsDone++;
        double sec = (System.nanoTime() - t0) / 1e9;
        return new EpochResult(epoch, lossSum / n, (double) correct / n, sec, n / sec);
    }

    /**
     * One optimiser step on the given samples (any count; split across the workers), outside the
     * epoch bookkeeping: for online or on-device learning. {@code epoch} seeds stochastic encodings.
     *
     * @return the mean sample loss of the batch
     */
    public double trainBatch(SampleSource source, int[] samples, int epoch) {
        checkSource(source);
        if (samples.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        return batch(source, samples, 0, samples.length, epoch) / samples.length;
    }

    /** Learns order[start..end) on the workers, applies one Adam step; returns the summed loss. */
    private double batch(SampleSource train, int[] order, int start, int end, int epoch) {
        int workers = learners.length;
        double[] wLoss = new double[workers];
        int[] wCorrect = new int[workers];
        float scale = 1f / (options.timeSteps() * (end - start));
        runWorkers(w -> {
            Learner lr = learners[w];
            Gradients g = grads[w];
            g.zero();
            double loss = 0;
            int ok = 0;
            int from = start + (int) ((long) (end - start) * w / workers);
            int to = start + (int) ((long) (end - start) * (w + 1) / workers);
            for (int i = from; i < to; i++) {
                int sample = order[i];
                loss += lr.learn(train, sample, epoch, g, scale);
                if (lr.lastPrediction() == train.label(sample)) {
                    ok++;
                }
            }
            wLoss[w] = loss;
            wCorrect[w] = ok;
        });
        for (int w = 1; w < workers; w++) {
            grads[0].add(grads[w]);
        }
        applyUpdate(grads[0]);
        double loss = 0;
        int ok = 0;
        for (int w = 0; w < workers; w++) {
            loss += wLoss[w];
            ok += wCorrect[w];
        }
        lastCorrect = ok;
        return loss;
    }

    /** Test accuracy (argmax of Σ_t U_out), forward only, in parallel; stochastic encodings use epoch −1. */
    public double evaluate(SampleSource test) {
        checkSource(test);
        int n = test.size();
        int workers = learners.length;
        int[] ok = new int[workers];
        runWorkers(w -> {
            int from = (int) ((long) n * w / workers);
            int to = (int) ((long) n * (w + 1) / workers);
            int c = 0;
            for (int i = from; i < to; i++) {
                if (learners[w].predict(test, i, -1) == test.label(i)) {
                    c++;
                }
            }
            ok[w] = c;
        });
        long c = 0;
        for (int v : ok) {
            c += v;
        }
        return (double) c / n;
    }

    /**
     * A resumable state: the model (built with {@code encoding}, {@code info} and {@code labels}),
     * epochs done, Adam step count and moments (weights in the model layout), and the options.
     */
    public TrainingCheckpoint checkpoint(InputEncoding encoding, TrainingInfo info, List<String> labels) {
        TrainedModel model = net.toModel(encoding, options.timeSteps(), info, labels);
        TrainingCheckpoint.Builder b = TrainingCheckpoint.newBuilder()
                .setModel(model)
                .setEpochsDone(epochsDone)
                .setOptimizerSteps(adam.steps)
                .setOptions(ByteString.copyFrom(options.fingerprint(), StandardCharsets.UTF_8));
        List<FloatNetwork.Tensor> ts = net.tensors();
        for (int i = 0; i < ts.size(); i++) {
            FloatNetwork.Tensor t = ts.get(i);
            b.addMoments(OptimizerMoments.newBuilder().setTensor(t.name())
                    .addAllFirst(boxed(out(t, adam.first[i]))).addAllSecond(boxed(out(t, adam.second[i]))));
        }
        return b.build();
    }

    private float[] out(FloatNetwork.Tensor t, float[] internal) {
        return t.kind() == FloatNetwork.Kind.WEIGHTS ? net.ops[t.layer()].toModelLayout(internal) : internal;
    }

    private static List<Float> boxed(float[] a) {
        List<Float> l = new ArrayList<>(a.length);
        for (float v : a) {
            l.add(v);
        }
        return l;
    }

    private void applyUpdate(Gradients g) {
        adam.nextStep();
        boolean tl = options.algorithm().learnsThresholdAndLeak();
        List<FloatNetwork.Tensor> ts = net.tensors();
        for (int i = 0; i < ts.size(); i++) {
            FloatNetwork.Tensor t = ts.get(i);
            if (t.kind() != FloatNetwork.Kind.WEIGHTS && !tl
                    || t.kind() == FloatNetwork.Kind.ALPHA && net.isIntegrateAndFire(t.layer())) {
                continue;
            }
            adam.update(i, t.data(), g.tensor(i), options.learningRate());
            float[] p = t.data();
            if (t.kind() == FloatNetwork.Kind.THRESHOLD) {
                for (int j = 0; j < p.length; j++) {
                    p[j] = Math.max(THETA_MIN, p[j]);
                }
            } else if (t.kind() == FloatNetwork.Kind.ALPHA) {
                p[0] = Math.min(ALPHA_MAX, Math.max(0f, p[0]));
            }
        }
    }

    private void checkSource(SampleSource s) {
        if (s.inputSize() != net.spec().inputSize()) {
            throw new IllegalArgumentException("samples have " + s.inputSize() + " inputs, network '" + net.spec().text()
                    + "' expects " + net.spec().inputSize());
        }
        if (s.steps() != 0 && s.steps() < options.timeSteps()) {
            throw new IllegalArgumentException("samples hold " + s.steps() + " steps, training runs " + options.timeSteps());
        }
    }

    static int[] shuffle(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(ImageSource.mix(seed, 0x5EED, epoch, 0));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private interface WorkerTask {
        void run(int worker);
    }

    private void runWorkers(WorkerTask task) {
        if (pool == null) {
            task.run(0);
            return;
        }
        List<Callable<Void>> calls = new ArrayList<>(learners.length);
        for (int w = 0; w < learners.length; w++) {
            int id = w;
            calls.add(() -> {
                task.run(id);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
