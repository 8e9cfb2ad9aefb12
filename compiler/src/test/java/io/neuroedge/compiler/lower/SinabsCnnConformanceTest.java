package io.neuroedge.compiler.lower;

import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.events.EventArray;
import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.input.EventBinner;
import io.neuroedge.runtime.reference.FloatReference;
import io.neuroedge.runtime.simd.KernelProviders;
import io.neuroedge.runtime.testing.SharedTestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sinabs N-MNIST CNN compiled from its .nir file (sinabs profile, dt 1 ms) on labelled training
 * recordings: fixed-point accuracy, and agreement of its predictions with the float reference.
 */
class SinabsCnnConformanceTest {

    static final int RECORDINGS = 100;

    @Test
    void compiledSinabsCnnClassifiesNmnistRecordings() throws Exception {
        CompiledProgram p = new NirCompiler().compile(SharedTestData.resolve("nir/cnn/cnn_sinabs.nir"),
                new CompileOptions(1e-3, Profile.SINABS, Integrator.EULER, 15), "test");
        Path nmnist = SharedTestData.resolve("dvs/nmnist");
        List<String> rows = Files.readAllLines(nmnist.resolve("labels.csv")).subList(1, RECORDINGS + 1);
        // two workers (one engine and one float reference each) keep the test within ~30 s on 2 cores
        int correct;
        int agree;
        int compared;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<int[]> even = pool.submit(() -> evaluate(p, nmnist, rows, 0));
            Future<int[]> odd = pool.submit(() -> evaluate(p, nmnist, rows, 1));
            int[] a = even.get();
            int[] b = odd.get();
            correct = a[0] + b[0];
            agree = a[1] + b[1];
            compared = a[2] + b[2];
        } finally {
            pool.shutdown();
        }
        double accuracy = correct / (double) RECORDINGS;
        double agreement = agree / (double) compared;
        System.out.printf("cnn_sinabs: accuracy %.3f on %d recordings, float agreement %.3f on %d%n", accuracy,
                RECORDINGS, agreement, compared);
        assertTrue(accuracy >= 0.9, "fixed-point accuracy " + accuracy + " on " + RECORDINGS + " recordings");
        // IF neurons have no leak, so fixed and float arithmetic are identical (docs/spike-program.md §9)
        assertEquals(compared, agree, "prediction agreement with the float reference");
    }

    /** Recordings {@code first, first+2, ...}: {correct, agreeing with float, compared with float}. */
    private static int[] evaluate(CompiledProgram p, Path nmnist, List<String> rows, int first) throws Exception {
        Engine engine = new Engine(p.plan(), KernelProviders.get());
        FloatReference ref = new FloatReference(p.plan());
        boolean[] withFloat = {false};
        EventBinner binner = new EventBinner(p.plan().input(), counts -> {
            engine.step(counts);
            if (withFloat[0]) {
                ref.step(counts);
            }
        });
        NMnistReader reader = new NMnistReader();
        int[] result = new int[3];
        for (int i = first; i < rows.size(); i += 2) {
            String[] f = rows.get(i).split(",");
            EventArray events = reader.readAll(nmnist.resolve(f[0]));
            // the float reference is slow: compare on every other recording of this worker
            withFloat[0] = i % 4 == first;
            engine.reset();
            ref.reset();
            binner.restart();
            events.replay(binner);
            binner.flush();
            result[0] += engine.predicted() == Integer.parseInt(f[1].strip()) ? 1 : 0;
            if (withFloat[0]) {
                result[1] += engine.predicted() == ref.predicted() ? 1 : 0;
                result[2]++;
            }
        }
        return result;
    }
}
