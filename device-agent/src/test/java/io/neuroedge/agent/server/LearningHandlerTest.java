package io.neuroedge.agent.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.neuroedge.agent.TestPrograms;
import io.neuroedge.agent.learn.CheckpointInfo;
import io.neuroedge.agent.learn.DeviceLearning;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Telemetry;
import io.neuroedge.proto.agent.LearnControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link LearningHandler} alone on an {@link io.netty.channel.embedded.EmbeddedChannel}, with a real store and engine loop. */
class LearningHandlerTest {

    @TempDir
    Path dir;

    private SessionFixture f;

    /** A learner stand-in: records commands, checkpoints and exports a fixed program. */
    private static final class FakeLearning implements DeviceLearning {
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void setEnabled(boolean enabled) {
            calls.add("enabled " + enabled);
        }

        @Override
        public void supervise(int label) {
            calls.add("label " + label);
        }

        @Override
        public CheckpointInfo checkpoint() {
            return new CheckpointInfo(TestPrograms.conv(9), 5);
        }

        @Override
        public byte[] exportProgram() {
            return TestPrograms.conv(9);
        }
    }

    private void open(LearningFactory learning) throws Exception {
        f = new SessionFixture(dir, learning);
        f.with(new LearningHandler(f.services));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldPassEverythingButLearnControlOn() throws Exception {
        open(LearningFactory.NONE);
        Envelope telemetry = Envelope.newBuilder().setProtocolVersion(1).setTelemetry(Telemetry.getDefaultInstance()).build();
        f.ch.writeInbound(telemetry);
        assertSame(telemetry, f.ch.readInbound());
        assertNull(f.ch.readOutbound());
    }

    @Test
    void shouldRouteLearningCommandsThroughThePluggedInLearner() throws Exception {
        FakeLearning fake = new FakeLearning();
        open((e, p) -> fake);
        f.install(TestPrograms.conv(1));
        LearnControl enable = LearnControl.newBuilder().setEnable(true).build();
        assertEquals(enable, f.send(Envelope.newBuilder().setLearn(enable)).getLearn(), "confirmed by echo");
        f.send(Envelope.newBuilder().setLearn(LearnControl.newBuilder().setSuperviseLabel(4)));
        assertEquals(List.of("enabled true", "label 4"), fake.calls);

        Envelope checkpoint = f.send(Envelope.newBuilder().setLearn(LearnControl.newBuilder()
                .setCheckpoint(LearnControl.Checkpoint.getDefaultInstance())));
        assertEquals(2, checkpoint.getDeploy().getAck().getActive().getVersion(), "stored as a new version");
        f.engine.runOnce();
        assertEquals(2, f.engine.active().getVersion());
        assertEquals(2, f.store.versions().size());

        f.ch.writeInbound(Envelope.newBuilder().setProtocolVersion(1).setRequestId(77).setLearn(LearnControl.newBuilder()
                .setExport(LearnControl.Export.getDefaultInstance())).build());
        f.engine.runOnce();
        f.ch.runPendingTasks();
        Envelope begin = f.ch.readOutbound();
        byte[] expected = TestPrograms.conv(9);
        assertEquals(expected.length, begin.getDeploy().getBegin().getTotalSize());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (Envelope e; (e = f.ch.readOutbound()) != null && e.getDeploy().hasChunk(); ) {
            assertEquals(77, e.getRequestId());
            e.getDeploy().getChunk().getData().writeTo(received);
        }
        assertArrayEquals(expected, received.toByteArray());
    }

    @Test
    void shouldAnswerLearningCommandsWithUnsupportedUntilALearnerIsPluggedIn() throws Exception {
        open(LearningFactory.NONE);
        f.install(TestPrograms.conv(1));
        for (LearnControl c : new LearnControl[] {LearnControl.newBuilder().setEnable(true).build(),
                LearnControl.newBuilder().setSuperviseLabel(3).build(),
                LearnControl.newBuilder().setCheckpoint(LearnControl.Checkpoint.getDefaultInstance()).build(),
                LearnControl.newBuilder().setExport(LearnControl.Export.getDefaultInstance()).build()}) {
            Envelope answer = f.send(Envelope.newBuilder().setLearn(c));
            assertEquals(Error.Code.UNSUPPORTED, answer.getError().getCode(), c.toString());
            assertEquals("learning not available for this program", answer.getError().getMessage());
        }
    }
}
