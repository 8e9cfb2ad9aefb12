package io.neuroedge.runtime.learn;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A learned sample allocates nothing once the JIT has compiled the loops (before that, vector
 * operations run boxed): rate coding, traces, errors and gradients all live in buffers made at
 * construction. Measured with the thread's allocation counter, round after round until a round is
 * allocation-free; the JIT compiles in the background, so rounds go on for up to {@value #PATIENCE_SECONDS}
 * seconds (a loop that never stops allocating fails).
 */
class LearnerAllocationTest {

    private static final int PATIENCE_SECONDS = 30;
    private static final int SAMPLES_PER_ROUND = 400;

    @Test
    void learningAndPredictingAllocateNothingOnceCompiled() {
        SplittableRandom r = new SplittableRandom(8);
        byte[][] images = new byte[32][144];
        int[] labels = new int[images.length];
        for (int s = 0; s < images.length; s++) {
            for (int i = 0; i < 144; i++) {
                images[s][i] = r.nextDouble() < 0.3 ? (byte) r.nextInt(1, 256) : 0;
            }
            labels[s] = s % 4;
        }
        SampleSource source = SampleSource.rate(images, labels, 3);
        for (String spec : new String[] {"144-40-4", "1x12x12-c4k3-p2-4"}) {
            for (Algorithm algo : Algorithm.values()) {
                FloatNetwork net = FloatNetwork.initialize(spec, 2);
                assertEventuallyAllocationFree(Learner.create(net, algo, 6, Surrogate.EXP), new Gradients(net), source,
                        spec + " " + algo.id());
            }
        }
    }

    private static void assertEventuallyAllocationFree(Learner learner, Gradients g, SampleSource source, String what) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long last = -1;
        long deadline = System.nanoTime() + PATIENCE_SECONDS * 1_000_000_000L;
        int round = 0;
        do {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < SAMPLES_PER_ROUND; i++) {
                learner.learn(source, i % source.size(), round, g, 1e-3f);
                learner.predict(source, i % source.size(), round);
            }
            last = threads.getCurrentThreadAllocatedBytes() - before;
            if (last == 0) {
                return;
            }
            round++;
        } while (System.nanoTime() < deadline);
        fail(what + ": still " + last + " bytes allocated per " + SAMPLES_PER_ROUND + " samples after " + round + " rounds ("
                + PATIENCE_SECONDS + " s)");
    }
}
