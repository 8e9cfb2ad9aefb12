package io.neuroedge.runtime.learn;

import io.neuroedge.runtime.testing.ImageSubset;

import java.util.Locale;

/**
 * Throughput / accuracy harness (not a unit test). Args: data algo T epochs threads spec [trainN] [testN] [enc] [lr]
 * e.g. {@code mnist-10k stop-w 16 1 2 784-400-10}; or {@code throughput ALGO T THREADS SPEC N REPEATS}: mnist-10k,
 * one warm-up pass over N samples, then the best of REPEATS timed passes.
 */
public final class LearnBench {

    private LearnBench() {
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("throughput")) {
            throughput(a);
            return;
        }
        String data = a[0];
        Algorithm algo = Algorithm.parse(a[1]);
        int T = Integer.parseInt(a[2]);
        int epochs = Integer.parseInt(a[3]);
        int threads = Integer.parseInt(a[4]);
        String spec = a[5];
        int trainN = a.length > 6 ? Integer.parseInt(a[6]) : Integer.MAX_VALUE;
        int testN = a.length > 7 ? Integer.parseInt(a[7]) : Integer.MAX_VALUE;
        String enc = a.length > 8 ? a[8] : "rate";
        float lr = a.length > 9 ? Float.parseFloat(a[9]) : 1e-3f;
        ImageSubset tr = ImageSubset.load(data, "train", trainN);
        ImageSubset te = ImageSubset.load(data, "test", testN);
        SampleSource train = enc.equals("direct") ? SampleSource.direct(tr.images(), tr.labels())
                : SampleSource.rate(tr.images(), tr.labels(), 1);
        SampleSource test = enc.equals("direct") ? SampleSource.direct(te.images(), te.labels())
                : SampleSource.rate(te.images(), te.labels(), 2);
        FloatNetwork net = FloatNetwork.initialize(spec, 0);
        Trainer.Options o = Trainer.Options.defaults(algo, T).withThreads(threads).withLearningRate(lr);
        try (Trainer t = new Trainer(net, o)) {
            System.out.printf(Locale.ROOT, "%s %s T=%d threads=%d train=%d test=%d learnerBytes=%d%n", spec, algo.id(), T, threads,
                    train.size(), test.size(), t.learnerBytesPerWorker());
            for (int e = 0; e < epochs; e++) {
                Trainer.EpochResult r = t.trainEpoch(train, null);
                long t0 = System.nanoTime();
                double acc = t.evaluate(test);
                double es = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "epoch %d loss %.4f train_acc %.4f %.1f samples/s (%.1fs) test_acc %.4f (eval %.1f samples/s) alpha0 %.3f%n",
                        r.epoch(), r.meanLoss(), r.trainAccuracy(), r.samplesPerSecond(), r.seconds(), acc, test.size() / es, net.alpha(0));
            }
        }
    }

    private static void throughput(String[] a) throws Exception {
        Algorithm algo = Algorithm.parse(a[1]);
        int T = Integer.parseInt(a[2]);
        int threads = Integer.parseInt(a[3]);
        String spec = a[4];
        int n = Integer.parseInt(a[5]);
        int repeats = Integer.parseInt(a[6]);
        ImageSubset tr = ImageSubset.load("mnist-10k", "train", n);
        NetworkSpec ns = NetworkSpec.parse(spec);
        SampleSource train = SampleSource.rate(tr.images(), tr.labels(), 1);
        FloatNetwork net = FloatNetwork.initialize(ns, 0);
        try (Trainer t = new Trainer(net, Trainer.Options.defaults(algo, T).withThreads(threads))) {
            t.trainEpoch(train, null);
            double best = 0;
            StringBuilder all = new StringBuilder();
            for (int r = 0; r < repeats; r++) {
                double sps = t.trainEpoch(train, null).samplesPerSecond();
                best = Math.max(best, sps);
                all.append(String.format(Locale.ROOT, " %.0f", sps));
            }
            System.out.printf(Locale.ROOT, "throughput %s %s T=%d threads=%d: best %.0f samples/s (runs:%s) learnerBytes=%d%n",
                    spec, algo.id(), T, threads, best, all, t.learnerBytesPerWorker());
        }
    }
}
