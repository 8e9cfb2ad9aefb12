package io.neuroedge.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.neuroedge.compiler.lower.ModelCompiler;
import io.neuroedge.proto.model.InputEncoding;
import io.neuroedge.proto.model.TrainedModel;
import io.neuroedge.proto.model.TrainingInfo;
import io.neuroedge.runtime.engine.Engine;
import io.neuroedge.runtime.learn.FloatNetwork;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What on-device learning costs a running program: one labelled sample of T = 12 steps of a
 * compiled 784-128-10 program (rate-coded digit-like input) with {@link DeviceLearner} attached and
 * learning (online STOP updates every step, re-quantization at the end of the sample, the agent's
 * default), against the same sample run for inference only. Run with {@code -prof gc}: learning
 * must allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class DeviceLearningBenchmark {

    private static final int STEPS = 12;
    private static final int FRAMES = 64;

    @Param({"ONLINE"})
    public String schedule;

    /** Samples between re-quantizations into the engine (the agent's default is 1). */
    @Param({"1"})
    public int requantizeEvery;

    private Engine inference;
    private Engine learning;
    private DeviceLearner learner;
    private byte[][] frames;
    private int next;

    @Setup
    public void setUp() throws Exception {
        TrainedModel model = FloatNetwork.initialize("784-128-10", 3)
                .toModel(InputEncoding.RATE, STEPS, TrainingInfo.getDefaultInstance(), List.of());
        byte[] program = SpikePrograms.seal(new ModelCompiler().compile(model, "bench", model.toByteArray(), null, "bench")
                .body()).toByteArray();
        inference = new Engine(new ProgramLoader().load(program), KernelProviders.get());
        learning = new Engine(new ProgramLoader().load(program), KernelProviders.get());
        DeviceLearner.Options defaults = DeviceLearner.Options.defaults();
        learner = new DeviceLearner(learning, STEPS, new DeviceLearner.Options(defaults.learningRate(),
                defaults.thresholdRate(), requantizeEvery, defaults.inputUnit())
                .with(DeviceLearner.Schedule.valueOf(schedule), DeviceLearner.Loss.PER_STEP));
        SplittableRandom random = new SplittableRandom(2026);
        frames = new byte[FRAMES][784];
        for (byte[] f : frames) {
            for (int y = 8; y < 22; y++) {
                for (int x = 8; x < 22; x++) {
                    f[y * 28 + x] = (byte) (random.nextDouble() < 0.3 ? 1 : 0);
                }
            }
        }
    }

    @Benchmark
    public int inferenceSample() {
        inference.reset();
        int spikes = 0;
        for (int t = 0; t < STEPS; t++) {
            spikes += inference.step(frames[next++ & (FRAMES - 1)]);
        }
        return spikes;
    }

    @Benchmark
    public int learningSample() {
        learning.reset();
        learner.beginSample();
        int spikes = 0;
        int label = next % 10;
        for (int t = 0; t < STEPS; t++) {
            spikes += learning.step(frames[next++ & (FRAMES - 1)]);
            learner.afterStep(label);
        }
        learner.endSample();
        return spikes;
    }
}
