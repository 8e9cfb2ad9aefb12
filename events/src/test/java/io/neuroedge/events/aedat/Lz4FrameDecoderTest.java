package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Lz4FrameDecoder} on hand-made frames, in particular matches across linked blocks. */
class Lz4FrameDecoderTest {

    private static final byte[] FRAME_HEADER = {0x04, 0x22, 0x4D, 0x18, 0x40, 0x40, 0x00};

    @Test
    void matchReachesBackIntoThePreviousLinkedBlock() throws EventFormatException {
        byte[] first = "ABCDEFGH".getBytes(StandardCharsets.US_ASCII);
        // block 1 stored; block 2: match of 8 bytes at offset 8 (all of block 1), then "Z"
        byte[] frame = bytes(FRAME_HEADER, new byte[] {8, 0, 0, (byte) 0x80}, first,
                new byte[] {5, 0, 0, 0, 0x04, 8, 0, 0x10, 'Z'}, new byte[4]);
        assertArrayEquals("ABCDEFGHABCDEFGHZ".getBytes(StandardCharsets.US_ASCII), decode(frame));
    }

    @Test
    void overlappingMatchRepeatsBytes() throws EventFormatException {
        // literal "a", match offset 1 length 4 + 6 = 10, then literal "b"
        byte[] frame = bytes(FRAME_HEADER, new byte[] {6, 0, 0, 0, 0x16, 'a', 1, 0, 0x10, 'b'},
                new byte[4]);
        assertArrayEquals("aaaaaaaaaaab".getBytes(StandardCharsets.US_ASCII), decode(frame));
    }

    @Test
    void longLiteralRunUsesLengthBytes() throws EventFormatException {
        byte[] literals = new byte[300];
        Arrays.fill(literals, (byte) 'q');
        // 15 + 255 + 30 = 300 literals
        byte[] frame = bytes(FRAME_HEADER, new byte[] {(byte) 303, 1, 0, 0, (byte) 0xF0,
            (byte) 255, 30}, literals, new byte[4]);
        assertArrayEquals(literals, decode(frame));
    }

    @Test
    void offsetBeforeTheOutputIsRejected() {
        byte[] frame = bytes(FRAME_HEADER, new byte[] {5, 0, 0, 0, 0x10, 'a', 9, 0, 0x00},
                new byte[4]);
        assertThrows(EventFormatException.class, () -> decode(frame));
    }

    @Test
    void truncatedFramesAreRejectedAtEveryLength() {
        byte[] frame = bytes(FRAME_HEADER, new byte[] {6, 0, 0, 0, 0x16, 'a', 1, 0, 0x10, 'b'},
                new byte[4]);
        for (int n = 1; n < frame.length; n++) {
            byte[] cut = Arrays.copyOf(frame, n);
            assertThrows(EventFormatException.class, () -> decode(cut), "length " + n);
        }
    }

    @Test
    void outputLimitIsEnforced() {
        byte[] frame = bytes(FRAME_HEADER, new byte[] {6, 0, 0, 0, 0x1F, 'a', 1, 0, (byte) 255,
            (byte) 255}, new byte[4]);
        assertThrows(EventFormatException.class,
                () -> new Lz4FrameDecoder(64).decode(frame, frame.length, "t", 0));
    }

    private static byte[] decode(byte[] frame) throws EventFormatException {
        Lz4FrameDecoder decoder = new Lz4FrameDecoder(1 << 20);
        int n = decoder.decode(frame, frame.length, "test", 0);
        return Arrays.copyOf(decoder.output(), n);
    }

    private static byte[] bytes(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
