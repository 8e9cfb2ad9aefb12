package io.neuroedge.agent.server;

import com.google.protobuf.ByteString;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.engine.FlowControl;
import io.neuroedge.agent.engine.IngestQueue;
import io.neuroedge.agent.learn.CheckpointInfo;
import io.neuroedge.agent.learn.DeviceLearning;
import io.neuroedge.agent.protocol.RawEvents;
import io.neuroedge.agent.protocol.ScannedBatch;
import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.agent.store.Upload;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.LearnControl;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.runtime.program.SpikePrograms;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's session, last in the pipeline (after {@link AuthGate}, so its first message is
 * an authenticated Hello). Dispatches by body:
 * <ul>
 *   <li>{@code Hello} → answered with the board and the active program; sets up the ingest queue
 *       (lossless or dropping) and the result subscription;</li>
 *   <li>{@code EventBatch} (as {@link RawEvents}: the serialized batch, not parsed) → located and
 *       validated here, on the event loop ({@link ScannedBatch}), then the buffer itself is offered
 *       to this connection's {@link IngestQueue}; a malformed batch is answered with BAD_REQUEST and
 *       never reaches the engine. Batches in a form the scanner does not read (e.g. unpacked
 *       repeated fields, legal protobuf) are parsed and re-serialized once;</li>
 *   <li>{@code Deploy} → run on the store thread with socket reading paused meanwhile (so a fast
 *       uploader cannot queue unbounded work); answered with Ack, Versions or Error;</li>
 *   <li>{@code LearnControl} → run on the engine thread through {@link DeviceLearning};</li>
 *   <li>{@code Telemetry} (empty, a request) → the latest report plus this connection's counts;</li>
 *   <li>anything else → BAD_REQUEST, connection kept.</li>
 * </ul>
 * Errors in one request never close the connection or touch other clients. Not sharable.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());
    /** Chunk size of exported programs. */
    private static final int EXPORT_CHUNK = 256 * 1024;

    private final AgentServices services;
    private final ScannedBatch scanner = new ScannedBatch();
    private ReadGate gate;
    private IngestQueue queue;
    private Upload upload; // store thread only

    SessionHandler(AgentServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        gate = new ReadGate(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RawEvents raw) {
            events(ctx, raw.requestId(), raw.batch());
        } else if (msg instanceof Envelope e) {
            dispatch(ctx, e);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Envelope msg) {
        long id = msg.getRequestId();
        switch (msg.getBodyCase()) {
            case HELLO -> hello(ctx, id, msg.getHello());
            case EVENTS -> events(ctx, id, plain(msg.getEvents()));
            case DEPLOY -> deploy(ctx, id, msg.getDeploy());
            case LEARN -> learn(ctx, id, msg.getLearn());
            case TELEMETRY -> ctx.writeAndFlush(Envelopes.reply(id).setTelemetry(services.telemetry().latest().toBuilder()
                    .setConnectionEventsIn(queue == null ? 0 : queue.eventsIn())
                    .setConnectionEventsDropped(queue == null ? 0 : queue.eventsDropped())).build());
            default -> ctx.writeAndFlush(Envelopes.error(id, Error.Code.BAD_REQUEST,
                    "a host does not send " + msg.getBodyCase() + " messages"));
        }
    }

    private void hello(ChannelHandlerContext ctx, long id, Hello hello) {
        if (queue == null) {
            Channel ch = ctx.channel();
            IngestQueue.Policy policy = hello.getLossless() ? IngestQueue.Policy.PAUSE_READING : IngestQueue.Policy.DROP_NEWEST;
            queue = new IngestQueue(services.config().queueCapacity(), policy, new FlowControl() {
                @Override
                public void pause() {
                    gate.pause(ReadGate.QUEUE_FULL);
                }

                @Override
                public void resume() {
                    gate.resume(ReadGate.QUEUE_FULL);
                }

                @Override
                public void onProducer(Runnable task) {
                    ch.eventLoop().execute(task);
                }
            });
            services.engine().register(queue);
        }
        if (hello.getSubscribe()) {
            services.subscribers().add(ctx.channel());
        }
        Hello.Builder answer = Hello.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                .setBoard(services.board());
        ProgramRef active = services.engine().active();
        if (active != null) {
            answer.setActiveProgram(active);
        }
        ctx.writeAndFlush(Envelopes.reply(id).setHello(answer).build());
    }

    /** Takes ownership of {@code batch}: queued (the engine releases it) or released here. */
    private void events(ChannelHandlerContext ctx, long id, ByteBuf batch) {
        long arrival = System.nanoTime();
        int n;
        try {
            if (!scanner.scan(batch, batch.readerIndex(), batch.writerIndex())) {
                ByteBuf parsed = reparse(batch);
                batch.release();
                batch = parsed;
                if (!scanner.scan(batch, batch.readerIndex(), batch.writerIndex())) {
                    throw new IllegalStateException("a re-serialized batch does not scan");
                }
            }
            n = scanner.validate(batch);
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            batch.release();
            ctx.writeAndFlush(Envelopes.error(id, Error.Code.BAD_REQUEST, "bad event batch: " + e.getMessage()));
            return;
        }
        queue.offer(batch, n, arrival, id);
        services.engine().wake();
    }

    /** The batch parsed by protobuf and written back in the plain form the scanner reads. */
    private static ByteBuf reparse(ByteBuf batch) throws InvalidProtocolBufferException {
        return plain(EventBatch.parseFrom(batch.nioBuffer()));
    }

    /** {@code batch} serialized without unknown fields (packed, each field once). */
    private static ByteBuf plain(EventBatch batch) {
        EventBatch clean = EventBatch.newBuilder().setStreamId(batch.getStreamId()).setSequence(batch.getSequence())
                .setT0Us(batch.getT0Us()).addAllDtUs(batch.getDtUsList()).addAllXy(batch.getXyList())
                .setPolarityBits(batch.getPolarityBits()).setCloseWindow(batch.getCloseWindow()).build();
        return Unpooled.wrappedBuffer(clean.toByteArray());
    }

    private void deploy(ChannelHandlerContext ctx, long id, Deploy deploy) {
        gate.pause(ReadGate.STORE_BUSY);
        services.storeThread().execute(() -> {
            Envelope answer;
            try {
                answer = onStoreThread(ctx, id, deploy);
            } catch (AgentException e) {
                answer = Envelopes.error(id, e.code(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "deploy request failed", e);
                closeUpload();
                answer = Envelopes.error(id, Error.Code.INTERNAL, "store failure: " + e.getMessage());
            }
            if (answer != null) {
                ctx.writeAndFlush(answer);
            }
            ctx.executor().execute(() -> gate.resume(ReadGate.STORE_BUSY));
        });
    }

    /** Store thread. Returns the answer, or null when it is sent later (after an engine swap). */
    private Envelope onStoreThread(ChannelHandlerContext ctx, long id, Deploy deploy) throws AgentException, IOException {
        var store = services.store();
        switch (deploy.getStepCase()) {
            case BEGIN -> {
                closeUpload();
                Deploy.Begin b = deploy.getBegin();
                upload = store.begin(b.getName(), b.getTotalSize(), b.getSha256().toByteArray());
                return ack(id, 0, null);
            }
            case CHUNK -> {
                if (upload == null) {
                    throw new AgentException(Error.Code.BAD_REQUEST, "Chunk without Begin");
                }
                try {
                    upload.append(deploy.getChunk().getOffset(), deploy.getChunk().getData().asReadOnlyByteBuffer());
                } catch (AgentException e) {
                    closeUpload(); // a broken sequence cannot be resumed; the host starts over
                    throw e;
                }
                return ack(id, upload.received(), null);
            }
            case COMMIT -> {
                if (upload == null) {
                    throw new AgentException(Error.Code.BAD_REQUEST, "Commit without Begin");
                }
                Upload u = upload;
                upload = null;
                long size = u.totalSize();
                StoredProgram p = store.commit(u);
                activateThenAck(ctx, id, p, size);
                return null;
            }
            case ROLLBACK -> {
                closeUpload();
                StoredProgram p = store.rollback();
                activateThenAck(ctx, id, p, 0);
                return null;
            }
            case LIST_VERSIONS -> {
                return Envelopes.reply(id).setDeploy(Deploy.newBuilder()
                        .setVersions(Deploy.Versions.newBuilder().addAllVersions(store.versions()))).build();
            }
            default -> throw new AgentException(Error.Code.BAD_REQUEST,
                    "a host does not send Deploy." + deploy.getStepCase());
        }
    }

    private void activateThenAck(ChannelHandlerContext ctx, long id, StoredProgram p, long size) {
        // the answer goes out only once the engine runs the new program
        services.engine().activate(p, () -> ctx.writeAndFlush(ack(id, size, p.ref())));
    }

    private static Envelope ack(long id, long received, ProgramRef active) {
        Deploy.Ack.Builder a = Deploy.Ack.newBuilder().setReceivedBytes(received);
        if (active != null) {
            a.setActive(active);
        }
        return Envelopes.reply(id).setDeploy(Deploy.newBuilder().setAck(a)).build();
    }

    private void closeUpload() {
        if (upload != null) {
            upload.close();
            upload = null;
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
                u.append(0, java.nio.ByteBuffer.wrap(bytes));
                StoredProgram p = services.store().commit(u);
                services.engine().adopt(p.ref());
                answer = ack(id, bytes.length, p.ref());
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
        ctx.writeAndFlush(ack(id, bytes.length, null));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (queue != null) {
            services.engine().unregister(queue);
        }
        // an interrupted upload leaves nothing behind; the active program was never touched
        try {
            services.storeThread().execute(this::closeUpload);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // agent shutting down: staging/ is emptied at the next start
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection " + ctx.channel().remoteAddress() + " failed", cause);
        ctx.close();
    }
}
