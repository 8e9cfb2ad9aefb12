package io.neuroedge.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.proto.agent.Board;
import io.neuroedge.proto.agent.Telemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The full inbound/outbound pipeline of {@link AgentFraming} plus {@link ProtocolGuard} on an {@link EmbeddedChannel}. */
class AgentFramingTest {

    private static final int MAX_FRAME = 64 * 1024;

    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel();
        AgentFraming.install(ch.pipeline(), MAX_FRAME);
        ch.pipeline().addLast(ProtocolGuard.NAME, new ProtocolGuard());
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private static Envelope hello(long requestId) {
        return Envelope.newBuilder()
                .setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                .setRequestId(requestId)
                .setHello(Hello.newBuilder()
                        .setProtocolVersion(1)
                        .setBoard(Board.newBuilder().setArch("aarch64").setCores(4).setSimdBits(128).setMemoryBytes(1L << 30)))
                .build();
    }

    /** Length prefix + serialized envelope, as a peer would send it. */
    private static ByteBuf frame(Envelope e) {
        byte[] body = e.toByteArray();
        return Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
    }

    /** Everything written to the wire so far, as one buffer (the prepender writes prefix and body separately). */
    private static ByteBuf wire(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        return all;
    }

    /** Decodes exactly one envelope from outbound bytes with a fresh decoding pipeline. */
    private static Envelope decodeOne(ByteBuf wire) {
        EmbeddedChannel peer = new EmbeddedChannel();
        AgentFraming.install(peer.pipeline(), MAX_FRAME);
        try {
            peer.writeInbound(wire);
            Envelope e = peer.readInbound();
            assertNull(peer.readInbound(), "exactly one envelope expected");
            return e;
        } finally {
            peer.finishAndReleaseAll();
        }
    }

    private Envelope answer() {
        return decodeOne(wire(ch));
    }

    @Test
    void validEnvelopeRoundTripsThroughEncoderAndDecoder() {
        Envelope sent = hello(42);
        assertTrue(ch.writeOutbound(sent));
        ByteBuf bytes = wire(ch);
        assertEquals(sent.getSerializedSize(), bytes.getInt(0), "4-byte big-endian length prefix");

        assertTrue(ch.writeInbound(bytes));
        assertEquals(sent, ch.readInbound());
        assertNull(ch.readInbound());
        assertTrue(ch.isOpen());
    }

    @Test
    void byteAtATimeReassembly() {
        Envelope sent = hello(7);
        ByteBuf bytes = frame(sent);
        int n = bytes.readableBytes();
        for (int i = 0; i < n - 1; i++) {
            assertFalse(ch.writeInbound(bytes.retainedSlice(i, 1)), "complete after byte " + i + " of " + n);
            assertNull(ch.readInbound());
        }
        assertTrue(ch.writeInbound(bytes.retainedSlice(n - 1, 1)));
        assertTrue(bytes.release(), "every slice released by the decoder");
        assertEquals(sent, ch.readInbound());
        assertNull(ch.readInbound());
    }

    @Test
    void twoFramesInOneBufferBothDecode() {
        Envelope first = hello(1);
        Envelope second = Envelope.newBuilder().setProtocolVersion(1).setRequestId(2)
                .setTelemetry(Telemetry.newBuilder().setEventsIn(1000).setQueueDepth(3).setCpuPercent(12.5f))
                .build();
        ByteBuf a = frame(first);
        ByteBuf b = frame(second);
        ByteBuf both = Unpooled.buffer().writeBytes(a).writeBytes(b);
        a.release();
        b.release();

        assertTrue(ch.writeInbound(both));
        assertEquals(first, ch.readInbound());
        assertEquals(second, ch.readInbound());
        assertNull(ch.readInbound());
        assertEquals(0, both.refCnt(), "input released by the decoders");
    }

    @Test
    void oneGibiByteLengthPrefixIsRejectedAtOnce() {
        // only the 4-byte prefix arrives: the rejection must not wait for (or buffer) the body
        ByteBuf prefix = Unpooled.buffer(4).writeInt(1 << 30);
        ch.writeInbound(prefix);

        assertEquals(0, prefix.refCnt(), "nothing kept for a frame that will never be accepted");
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen(), "connection closed");
        Envelope answer = answer();
        assertEquals(Error.Code.TOO_LARGE, answer.getError().getCode());
        assertEquals(ProtocolGuard.PROTOCOL_VERSION, answer.getProtocolVersion());
    }

    @Test
    void frameOneByteOverTheLimitIsTooLargeAndOneUnderIsAccepted() {
        // the limit counts the prefix: a body of MAX_FRAME - 4 bytes is the largest accepted
        EmbeddedChannel ok = new EmbeddedChannel();
        AgentFraming.install(ok.pipeline(), MAX_FRAME);
        ok.pipeline().addLast(new ProtocolGuard());
        ok.writeInbound(Unpooled.buffer(4).writeInt(MAX_FRAME - 4));
        assertTrue(ok.isOpen());
        assertNull(ok.readOutbound());
        ok.finishAndReleaseAll();

        ch.writeInbound(Unpooled.buffer(4).writeInt(MAX_FRAME - 3));
        assertFalse(ch.isOpen());
        assertEquals(Error.Code.TOO_LARGE, answer().getError().getCode());
    }

    @Test
    void garbageInACorrectlySizedFrameIsBadRequest() {
        // 0xFF... is an unterminated varint tag: not a parseable protobuf message
        byte[] garbage = new byte[16];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        ByteBuf in = Unpooled.buffer().writeInt(garbage.length).writeBytes(garbage);
        ch.writeInbound(in);

        assertEquals(0, in.refCnt());
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
        Envelope answer = answer();
        assertEquals(Error.Code.BAD_REQUEST, answer.getError().getCode());
        assertTrue(answer.getError().getMessage().contains("not a valid Envelope"), answer.getError().getMessage());
    }

    @Test
    void wrongProtocolVersionIsRejectedEchoingTheRequestId() {
        Envelope future = hello(99).toBuilder().setProtocolVersion(2).build();
        ch.writeInbound(frame(future));

        assertNull(ch.readInbound(), "not passed on");
        assertFalse(ch.isOpen());
        Envelope answer = answer();
        assertEquals(Error.Code.UNSUPPORTED_VERSION, answer.getError().getCode());
        assertEquals(99, answer.getRequestId());
    }

    @Test
    void envelopeWithoutBodyIsBadRequest() {
        ch.writeInbound(frame(Envelope.newBuilder().setProtocolVersion(1).setRequestId(5).build()));

        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
        assertEquals(Error.Code.BAD_REQUEST, answer().getError().getCode());
    }

    @Test
    void framesAfterARejectionAreDroppedAndAnsweredOnlyOnce() {
        Envelope bad = hello(1).toBuilder().setProtocolVersion(0).build();
        ByteBuf a = frame(bad);
        ByteBuf b = frame(hello(2));
        ByteBuf both = Unpooled.buffer().writeBytes(a).writeBytes(b);
        a.release();
        b.release();
        ch.writeInbound(both);

        assertNull(ch.readInbound(), "the valid frame behind the bad one is not passed on");
        assertEquals(Error.Code.UNSUPPORTED_VERSION, answer().getError().getCode());
    }

    @Test
    void eventBatchesPassAsRawEventsAndGetTheSameVersionCheck() {
        EventBatchCodec.Events events = new EventBatchCodec.Events(new long[] {1, 2}, new int[] {3, 4}, new int[] {5, 6},
                new int[] {1, 0});
        Envelope batch = Envelope.newBuilder().setProtocolVersion(1).setRequestId(8)
                .setEvents(EventBatchCodec.pack(0, 1, events)).build();
        ch.writeInbound(frame(batch));
        EventBatchFrame raw = ch.readInbound();
        assertEquals(8, raw.requestId());
        assertTrue(raw.release());

        ch.writeInbound(frame(batch.toBuilder().setProtocolVersion(3).build()));
        assertNull(ch.readInbound(), "not passed on (and released: paranoid leak detection checks)");
        assertFalse(ch.isOpen());
        Envelope answer = answer();
        assertEquals(Error.Code.UNSUPPORTED_VERSION, answer.getError().getCode());
        assertEquals(8, answer.getRequestId());
    }
}
