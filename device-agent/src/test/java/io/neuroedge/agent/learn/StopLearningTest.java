package io.neuroedge.agent.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.engine.EngineLoop;
import io.neuroedge.agent.engine.FlowControl;
import io.neuroedge.agent.engine.IngestQueue;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.Result;
import io.neuroedge.proto.program.FixedPoint;
import io.neuroedge.proto.program.NeuronPopulation;
import io.neuroedge.proto.program.ReadoutSpec;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.Shape;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * On-device STOP through the agent's engine loop: a program whose readout never learned which
 * half of the sensor a stimulus is on learns it from supervised windows, and the checkpoint is a
 * program that verifies and decides like the learning engine.
 */
class StopLearningTest {

    private static final int SIZE = 8;
    private final List<Result> results = new ArrayList<>();

    @Test
    void supervisedWindowsShouldTeachTheRunningProgram() throws Exception {
        byte[] file = untrained();
        StoredProgram program = new StoredProgram(ProgramRef.newBuilder().setName("halves").setVersion(1).build(),
                new ProgramLoader().load(file), file);
        EngineLoop loop = new EngineLoop(KernelProviders.scalar(), (id, r) -> results.add(r),
                StopLearning.factory(new DeviceLearner.Options(0.02, 0.002, 1, 1)), 0);
        loop.activate(program);
        loop.runOnce();
        IngestQueue q = new IngestQueue(64, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        loop.register(q);
        SplittableRandom rnd = new SplittableRandom(3);

        double before = accuracy(loop, q, rnd, 40);
        loop.execute(() -> command(() -> loop.learner().setEnabled(true)));
        for (int w = 0; w < 150; w++) {
            int label = w % 2;
            loop.execute(() -> command(() -> loop.learner().supervise(label)));
            window(loop, q, rnd, label);
        }
        loop.execute(() -> command(() -> loop.learner().setEnabled(false)));
        double after = accuracy(loop, q, rnd, 40);
        assertTrue(before <= 0.7, "the untrained readout does not know the halves: " + before);
        assertTrue(after >= 0.9, "accuracy before " + before + ", after " + after);
        assertEquals(150, loop.learnedWindows(), "only supervised windows with learning enabled learn");
        assertTrue(loop.learnerBytes() >= 4L * 2 * 8 * 8 * 48, "masters are reported: " + loop.learnerBytes());

        byte[][] exported = new byte[1][];
        loop.execute(() -> command(() -> exported[0] = loop.learner().checkpoint().program()));
        loop.runOnce();
        // the checkpoint is a complete program that verifies and answers like the learning engine
        StoredProgram learned = new StoredProgram(ProgramRef.newBuilder().setName("halves").setVersion(2).build(),
                new ProgramLoader().load(exported[0]), exported[0]);
        results.clear();
        EngineLoop replay = new EngineLoop(KernelProviders.scalar(), (id, r) -> results.add(r), LearningFactory.NONE, 0);
        replay.activate(learned);
        replay.runOnce();
        IngestQueue q2 = new IngestQueue(64, IngestQueue.Policy.DROP_NEWEST, FlowControl.NONE);
        replay.register(q2);
        assertEquals(after, accuracy(replay, q2, new SplittableRandom(99), 40), 0.051);
    }

    @Test
    void labelsOutsideTheReadoutAndNonTrainedProgramsAreRefused() throws Exception {
        byte[] file = untrained();
        StoredProgram program = new StoredProgram(ProgramRef.newBuilder().setName("halves").setVersion(1).build(),
                new ProgramLoader().load(file), file);
        var engine = new io.neuroedge.runtime.engine.Engine(program.plan(), KernelProviders.scalar());
        DeviceLearning learning = StopLearning.factory(DeviceLearner.Options.defaults()).create(engine, program);
        assertTrue(learning.available());
        AgentException e = assertThrows(AgentException.class, () -> learning.supervise(2));
        assertEquals(Error.Code.BAD_REQUEST, e.code());

        byte[] conv = TestPrograms.conv(1);
        StoredProgram spiking = new StoredProgram(ProgramRef.newBuilder().setName("conv").setVersion(1).build(),
                new ProgramLoader().load(conv), conv);
        DeviceLearning none = StopLearning.factory(DeviceLearner.Options.defaults())
                .create(new io.neuroedge.runtime.engine.Engine(spiking.plan(), KernelProviders.scalar()), spiking);
        assertFalse(none.available());
        AgentException u = assertThrows(AgentException.class, () -> none.setEnabled(true));
        assertEquals(Error.Code.UNSUPPORTED, u.code());
        assertTrue(u.getMessage().contains("LI readout"), u.getMessage());
    }

    private interface Command {
        void run() throws AgentException;
    }

    private static void command(Command c) {
        try {
            c.run();
        } catch (AgentException e) {
            throw new IllegalStateException(e);
        }
    }

    private double accuracy(EngineLoop loop, IngestQueue q, SplittableRandom rnd, int windows) {
        int correct = 0;
        for (int w = 0; w < windows; w++) {
            int label = rnd.nextInt(2);
            results.clear();
            window(loop, q, rnd, label);
            assertEquals(1, results.size());
            correct += results.get(0).getPredicted() == label ? 1 : 0;
        }
        return correct / (double) windows;
    }

    /** 20 ms of events in the left (label 0) or right (label 1) half of the sensor, one window. */
    private static void window(EngineLoop loop, IngestQueue q, SplittableRandom rnd, int label) {
        EventBatch.Builder b = EventBatch.newBuilder().setT0Us(0).setCloseWindow(true);
        int n = 300;
        byte[] bits = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            int x = rnd.nextInt(SIZE / 2) + (label == 1 ? SIZE / 2 : 0);
            int y = rnd.nextInt(SIZE);
            b.addDtUs(i == 0 ? 0 : 66);
            b.addXy(x | y << 16);
            if (rnd.nextBoolean()) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        EventBatch batch = b.setPolarityBits(ByteString.copyFrom(bits)).build();
        assertTrue(q.offer(TestPrograms.raw(batch), n, System.nanoTime(), 1));
        loop.runOnce();
    }

    /** 2x8x8 events -> 48 LIF (random projection) -> 2 LI outputs that were never trained. */
    private static byte[] untrained() {
        SplittableRandom rnd = new SplittableRandom(7);
        int in = 2 * SIZE * SIZE;
        int hidden = 48;
        byte[] w1 = new byte[hidden * in];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (byte) (rnd.nextInt(255) - 127);
        }
        byte[] w2 = new byte[2 * hidden];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (byte) (rnd.nextInt(11) - 5);
        }
        FixedPoint leak = FixedPoint.newBuilder().setMultiplier(29491).setShift(15).build(); // 0.9
        NeuronPopulation lif = ProgramBuilder.neurons(NeuronPopulation.Model.LIF, NeuronPopulation.Reset.SUBTRACT, 4, 4000)
                .setMembraneLeak(leak).build();
        NeuronPopulation li = NeuronPopulation.newBuilder().setModel(NeuronPopulation.Model.LI).setInputShift(4)
                .setMembraneLeak(leak).build();
        float[] s1 = new float[hidden];
        java.util.Arrays.fill(s1, 0.01f);
        float[] s2 = {0.01f, 0.01f};
        try {
            return SpikePrograms.seal(new ProgramBuilder("halves", new Shape(2, SIZE, SIZE), 3)
                    .events(SIZE, SIZE, 0, 1, 0, 0, 0, 1000)
                    .flatten("flat")
                    .dense("hidden", hidden, w1, s1, lif)
                    .dense("out", 2, w2, s2, li)
                    .readout(ReadoutSpec.Kind.MEMBRANE_SUM)
                    .build()).toByteArray();
        } catch (io.neuroedge.runtime.program.InvalidProgramException e) {
            throw new IllegalStateException(e);
        }
    }
}
