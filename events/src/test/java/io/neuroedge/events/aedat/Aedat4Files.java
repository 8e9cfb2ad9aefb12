package io.neuroedge.events.aedat;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes small AEDAT 4.0 files by hand, following the published FlatBuffer layout. */
final class Aedat4Files {

    private Aedat4Files() {
    }

    /** The infoNode XML of one EVTS stream 0 (sizeX x sizeY) and one TRIG stream 1. */
    static String infoNode(int sizeX, int sizeY) {
        return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\">"
                + "<node name=\"0\" path=\"/outInfo/0/\">"
                + "<attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"
                + "<node name=\"info\" path=\"/outInfo/0/info/\">"
                + "<attr key=\"sizeX\" type=\"int\">" + sizeX + "</attr>"
                + "<attr key=\"sizeY\" type=\"int\">" + sizeY + "</attr></node></node>"
                + "<node name=\"1\" path=\"/outInfo/1/\">"
                + "<attr key=\"typeIdentifier\" type=\"string\">TRIG</attr></node>"
                + "</node></dv>";
    }

    /** Magic, size and IOHeader FlatBuffer; no data table. */
    static byte[] header(int compressionCode, String infoNode) {
        byte[] xml = infoNode.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le(40 + 4 + xml.length + 1);
        b.putInt(0, 20).put(4, "IOHE".getBytes(StandardCharsets.US_ASCII));
        // vtable at 8: 3 fields at table offsets 4 (compression), 8 (dataTablePosition), 16
        b.putShort(8, (short) 10).putShort(10, (short) 20).putShort(12, (short) 4)
                .putShort(14, (short) 8).putShort(16, (short) 16);
        b.putInt(20, 12).putInt(24, compressionCode).putLong(28, -1L).putInt(36, 4);
        b.putInt(40, xml.length).put(44, xml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Aedat4Header.MAGIC);
        out.writeBytes(le(4).putInt(0, b.capacity()).array());
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    /** A size-prefixed EVTS FlatBuffer of events {@code {t, x, y, p}}. */
    static byte[] eventPacket(long[][] events) {
        ByteBuffer b = le(32 + 16 * events.length);
        b.putInt(0, b.capacity() - 4).putInt(4, 16).put(8, "EVTS".getBytes(StandardCharsets.US_ASCII));
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8).putInt(24, 4).putInt(28, events.length);
        for (int i = 0; i < events.length; i++) {
            int at = 32 + 16 * i;
            b.putLong(at, events[i][0]).putShort(at + 8, (short) events[i][1])
                    .putShort(at + 10, (short) events[i][2]).put(at + 12, (byte) events[i][3]);
        }
        return b.array();
    }

    /** A packet {@code [streamId, size, payload]}. */
    static byte[] packet(int streamId, byte[] payload) {
        ByteBuffer b = le(8 + payload.length);
        b.putInt(0, streamId).putInt(4, payload.length).put(8, payload);
        return b.array();
    }

    /** One Zstandard frame of {@code data}. */
    static byte[] zstd(byte[] data) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int n = compressor.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    /** An LZ4 frame (FLG 0x40: linked blocks) holding {@code data} as one stored block. */
    static byte[] lz4Stored(byte[] data) {
        ByteBuffer b = le(7 + 4 + data.length + 4);
        b.putInt(0, Lz4FrameDecoder.MAGIC).put(4, (byte) 0x40).put(5, (byte) 0x40);
        b.putInt(7, data.length | 0x8000_0000).put(11, data).putInt(11 + data.length, 0);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
