package io.neuroedge.agent;

import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.SpikePrograms;

import com.google.protobuf.ByteString;

/** Sealed program files and event batches for the agent's tests. */
public final class TestPrograms {

    private TestPrograms() {
    }

    /** The synthetic N-MNIST-shaped conv net (34x34 events, 10 classes) as .nsp bytes; seeds give different weights. */
    public static byte[] conv(long seed) {
        return SpikePrograms.seal(StandardNetworks.nmnistConvBody(seed)).toByteArray();
    }

    /** A program without an event encoding (the agent refuses it). */
    public static byte[] denseWithoutEvents() {
        return SpikePrograms.seal(StandardNetworks.dense784Body(1)).toByteArray();
    }

    /** {@code batch} serialized, as the session hands it to an ingest queue. */
    public static io.netty.buffer.ByteBuf raw(EventBatch batch) {
        return io.netty.buffer.Unpooled.wrappedBuffer(batch.toByteArray());
    }

    /** {@code n} events on a diagonal, 100 µs apart from {@code t0}, alternating polarity. */
    public static EventBatch events(int n, long t0, boolean close) {
        EventBatch.Builder b = EventBatch.newBuilder().setT0Us(t0).setCloseWindow(close);
        byte[] bits = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            b.addDtUs(i == 0 ? 0 : 100);
            b.addXy((i % 34) | (i % 34) << 16);
            if (i % 2 == 1) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return b.setPolarityBits(ByteString.copyFrom(bits)).build();
    }
}
