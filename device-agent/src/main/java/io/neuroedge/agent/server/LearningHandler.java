package io.neuroedge.agent.server;

import com.google.protobuf.ByteString;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.learn.CheckpointInfo;
import io.neuroedge.agent.learn.DeviceLearning;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.agent.store.Upload;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.runtime.program.SpikePrograms;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection's learning control: {@code LearnControl} runs on the engine thread through the
 * active program's {@link DeviceLearning}. Enable and supervised labels are confirmed by echoing
 * the command; a checkpoint is stored as a new program version (store thread) and answered with a
 * {@code Deploy.Ack} naming it; an export is sent as Deploy Begin, Chunks and an Ack. A learner's
 * refusal is answered with its error. Everything else is passed on. Keeps no state of its own.
 */
final class LearningHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "learning";

    /** Chunk size of exported programs. */
    private static final int EXPORT_CHUNK = 256 * 1024;

    private final AgentServices services;

    LearningHandler(AgentServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope e && e.getBodyCase() == Envelope.BodyCase.LEARN) {
            learn(ctx, e.getRequestId(), e.getLearn());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void learn(ChannelHandlerContext ctx, long id, LearnControl command) {
        services.engine().execute(() -> {
            try {
                DeviceLearning learner = services.engine().learner();
                switch (command.getCommandCase()) {
                    case ENABLE -> {
                        learner.setEnabled(command.getEnable());
                        ctx.writeAndFlush(Envelopes.reply(id).setLearn(command).build());
                    }
                    case SUPERVISE_LABEL -> {
                        learner.supervise(command.getSuperviseLabel());
                        ctx.writeAndFlush(Envelopes.reply(id).setLearn(command).build());
                    }
                    case CHECKPOINT -> checkpoint(ctx, id, learner.checkpoint());
                    case EXPORT -> export(ctx, id, learner.exportProgram());
                    default -> throw new AgentException(Error.Code.BAD_REQUEST, "LearnControl without a command");
                }
            } catch (AgentException e) {
                ctx.writeAndFlush(Envelopes.error(id, e.code(), e.getMessage()));
            }
        });
    }

    /** Engine thread: stores the learned program as a new version (store thread) and adopts it. */
    private void checkpoint(ChannelHandlerContext ctx, long id, CheckpointInfo info) {
        ProgramRef active = services.engine().active();
        String name = active == null ? "learned" : active.getName();
        byte[] bytes = info.program();
        services.storeThread().execute(() -> {
            Envelope answer;
            try (Upload u = services.store().begin(name, bytes.length, SpikePrograms.sha256(bytes))) {
                u.append(0, ByteBuffer.wrap(bytes));
                StoredProgram p = services.store().commit(u);
                services.engine().adopt(p.ref());
                answer = Envelopes.deployAck(id, bytes.length, p.ref());
            } catch (AgentException e) {
                answer = Envelopes.error(id, e.code(), "checkpoint: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                answer = Envelopes.error(id, Error.Code.INTERNAL, "checkpoint: " + e.getMessage());
            }
            ctx.writeAndFlush(answer);
        });
    }

    /** Sends an exported program as Deploy Begin, Chunks and an Ack, all with the request's id. */
    private static void export(ChannelHandlerContext ctx, long id, byte[] bytes) {
        ctx.write(Envelopes.reply(id).setDeploy(Deploy.newBuilder().setBegin(Deploy.Begin.newBuilder()
                .setName("exported").setTotalSize(bytes.length)
                .setSha256(ByteString.copyFrom(SpikePrograms.sha256(bytes))))).build());
        for (int off = 0; off < bytes.length; off += EXPORT_CHUNK) {
            int len = Math.min(EXPORT_CHUNK, bytes.length - off);
            ctx.write(Envelopes.reply(id).setDeploy(Deploy.newBuilder().setChunk(Deploy.Chunk.newBuilder()
                    .setOffset(off).setData(ByteString.copyFrom(bytes, off, len)))).build());
        }
        ctx.writeAndFlush(Envelopes.deployAck(id, bytes.length, null));
    }
}
