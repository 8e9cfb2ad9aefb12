package io.neuroedge.agent.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.store.StoredProgram;
import io.neuroedge.agent.store.Upload;
import io.neuroedge.proto.agent.Deploy;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's program deployment: {@code Deploy} (Begin, Chunks, Commit, Rollback,
 * ListVersions) runs on the store thread with socket reading paused meanwhile (so a fast uploader
 * cannot queue unbounded work) and is answered with Ack, Versions or Error; Commit and Rollback
 * are answered only once the engine runs the new program. Everything else is passed on. An
 * upload interrupted by a closed connection is discarded. Not sharable.
 */
final class DeployHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "deploy";

    private static final Logger LOG = Logger.getLogger(DeployHandler.class.getName());

    private final AgentServices services;
    private final ReadGate gate;
    private Upload upload; // store thread only

    /** @param gate the connection's read gate, shared with {@link IngestHandler} */
    DeployHandler(AgentServices services, ReadGate gate) {
        this.services = services;
        this.gate = gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope e && e.getBodyCase() == Envelope.BodyCase.DEPLOY) {
            deploy(ctx, e.getRequestId(), e.getDeploy());
        } else {
            ctx.fireChannelRead(msg);
        }
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
                return Envelopes.deployAck(id, 0, null);
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
                return Envelopes.deployAck(id, upload.received(), null);
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
        services.engine().activate(p, () -> ctx.writeAndFlush(Envelopes.deployAck(id, size, p.ref())));
    }

    private void closeUpload() {
        if (upload != null) {
            upload.close();
            upload = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // an interrupted upload leaves nothing behind; the active program was never touched
        try {
            services.storeThread().execute(this::closeUpload);
        } catch (RejectedExecutionException e) {
            // agent shutting down: staging/ is emptied at the next start
        }
        ctx.fireChannelInactive();
    }
}
