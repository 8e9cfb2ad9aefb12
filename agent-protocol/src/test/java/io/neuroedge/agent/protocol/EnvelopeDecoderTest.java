package io.neuroedge.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.proto.agent.Hello;
import org.junit.jupiter.api.Test;

/** {@link EnvelopeDecoder} on heap, direct and composite frames; every buffer is released (paranoid leak detection). */
class EnvelopeDecoderTest {

    private static final EventBatch BATCH = EventBatchCodec.pack(1, 2, new EventBatchCodec.Events(new long[] {5, 6, 9},
            new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {1, 0, 1}));
    private static final Envelope EVENTS = Envelope.newBuilder().setProtocolVersion(1).setRequestId(9).setEvents(BATCH).build();
    private static final Envelope HELLO = Envelope.newBuilder().setProtocolVersion(1).setRequestId(3)
            .setHello(Hello.newBuilder().setProtocolVersion(1).setSubscribe(true)).build();

    private static Object decode(ByteBuf frame, boolean raw) {
        EmbeddedChannel ch = new EmbeddedChannel(new EnvelopeDecoder(raw));
        try {
            ch.writeInbound(frame);
            return ch.readInbound();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** The envelope the decoder produced, with EventBatchFrame turned back into an Envelope (and released). */
    private static Envelope envelopeOf(Object decoded) throws InvalidProtocolBufferException {
        if (decoded instanceof EventBatchFrame r) {
            try {
                return Envelope.newBuilder().setProtocolVersion(r.protocolVersion()).setRequestId(r.requestId())
                        .setEvents(EventBatch.parseFrom(ByteBufUtil.getBytes(r.batch()))).build();
            } finally {
                r.release();
            }
        }
        return (Envelope) decoded;
    }

    @Test
    void shouldDecodeFramesOfEveryBufferKind() throws Exception {
        for (Envelope e : new Envelope[] {EVENTS, HELLO}) {
            byte[] bytes = e.toByteArray();
            assertEquals(e, envelopeOf(decode(Unpooled.wrappedBuffer(bytes), true)));
            assertEquals(e, envelopeOf(decode(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(bytes), true)));
            // a slice with an offset, as the frame decoder hands out
            ByteBuf cumulation = PooledByteBufAllocator.DEFAULT.directBuffer().writeInt(bytes.length).writeBytes(bytes);
            assertEquals(e, envelopeOf(decode(cumulation.retainedSlice(4, bytes.length), true)));
            cumulation.release();
            CompositeByteBuf composite = Unpooled.compositeBuffer();
            composite.addComponent(true, Unpooled.directBuffer().writeBytes(bytes, 0, 7));
            composite.addComponent(true, Unpooled.directBuffer().writeBytes(bytes, 7, bytes.length - 7));
            assertEquals(e, envelopeOf(decode(composite, true)));
        }
    }

    @Test
    void shouldPassEventBatchesAsRawSlicesAndEverythingElseParsed() {
        Object raw = decode(Unpooled.wrappedBuffer(EVENTS.toByteArray()), true);
        EventBatchFrame r = assertInstanceOf(EventBatchFrame.class, raw);
        assertEquals(9, r.requestId());
        assertEquals(1, r.protocolVersion());
        assertEquals(Unpooled.wrappedBuffer(BATCH.toByteArray()), r.batch());
        r.release();
        assertInstanceOf(Envelope.class, decode(Unpooled.wrappedBuffer(EVENTS.toByteArray()), false), "host side");
        // an events envelope with an extra (unknown) field goes the general way
        byte[] withUnknown = EVENTS.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
                .build().toByteArray();
        assertInstanceOf(Envelope.class, decode(Unpooled.wrappedBuffer(withUnknown), true));
    }

    @Test
    void shouldFailMalformedFramesWithTheParsersException() {
        EmbeddedChannel ch = new EmbeddedChannel(new EnvelopeDecoder());
        DecoderException e = assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.directBuffer().writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})));
        assertInstanceOf(InvalidProtocolBufferException.class, e.getCause());
        // an events field whose length runs past the frame
        assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x01, 0x62, 0x7f, 0x00})));
        ch.finishAndReleaseAll();
    }
}
