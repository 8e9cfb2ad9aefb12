package io.neuroedge.events.aedat;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.zstd.ZstdCompressor;

import java.util.Arrays;

/**
 * Compresses one AEDAT 4 packet payload, the inverse of {@link Aedat4Decompressor}: NONE copies,
 * LZ4 writes one LZ4 frame, ZSTD one Zstandard frame (aircompressor, pure Java, with content
 * size). The LZ4 frame uses DV's own descriptor (FLG 0x40, BD 0x40: 64 KiB blocks, no
 * checksums), so DV tools accept it; blocks are compressed independently, which linked-block
 * readers decode too, and a block that does not shrink is stored raw. The output buffer is
 * reused between calls; one instance is not thread-safe.
 */
final class Aedat4Compressor {

    /** DV's frame header: magic, FLG 0x40, BD 0x40, header checksum (xxh32 >> 8 of FLG BD). */
    private static final byte[] LZ4_FRAME_HEADER = {0x04, 0x22, 0x4D, 0x18, 0x40, 0x40, (byte) 0xC0};
    private static final int LZ4_BLOCK_BYTES = 64 * 1024;
    private static final int LZ4_STORED = 0x8000_0000;

    private final Aedat4Compression compression;
    private final Lz4Compressor lz4;
    private final ZstdCompressor zstd;
    private byte[] out = new byte[0];

    /**
     * @throws IllegalArgumentException for LZ4_HIGH / ZSTD_HIGH, which this writer has no
     *                                  encoder for (readers treat them like LZ4 / ZSTD)
     */
    Aedat4Compressor(Aedat4Compression compression) {
        this.compression = compression;
        switch (compression) {
            case NONE, LZ4, ZSTD -> {
            }
            default -> throw new IllegalArgumentException("cannot write AEDAT 4 compression "
                    + compression + "; writable: NONE, LZ4, ZSTD");
        }
        lz4 = compression == Aedat4Compression.LZ4 ? new Lz4Compressor() : null;
        zstd = compression == Aedat4Compression.ZSTD ? new ZstdCompressor() : null;
    }

    /** The compressed bytes of the last {@link #compress}. */
    byte[] output() {
        return out;
    }

    /**
     * Compresses {@code src[0 .. len)}.
     *
     * @return the compressed length
     */
    int compress(byte[] src, int len) {
        return switch (compression) {
            case NONE -> {
                ensure(len);
                System.arraycopy(src, 0, out, 0, len);
                yield len;
            }
            case LZ4 -> lz4Frame(src, len);
            default -> {
                ensure(zstd.maxCompressedLength(len));
                yield zstd.compress(src, 0, len, out, 0, out.length);
            }
        };
    }

    private int lz4Frame(byte[] src, int len) {
        int blocks = (len + LZ4_BLOCK_BYTES - 1) / LZ4_BLOCK_BYTES;
        ensure(LZ4_FRAME_HEADER.length + blocks * (4 + lz4.maxCompressedLength(LZ4_BLOCK_BYTES)) + 4);
        System.arraycopy(LZ4_FRAME_HEADER, 0, out, 0, LZ4_FRAME_HEADER.length);
        int p = LZ4_FRAME_HEADER.length;
        for (int from = 0; from < len; from += LZ4_BLOCK_BYTES) {
            int n = Math.min(LZ4_BLOCK_BYTES, len - from);
            int size = lz4.compress(src, from, n, out, p + 4, out.length - p - 4);
            if (size >= n) {
                // incompressible: a stored block is smaller and always valid
                System.arraycopy(src, from, out, p + 4, n);
                size = n;
                Bytes.putIntLE(out, p, LZ4_STORED | n);
            } else {
                Bytes.putIntLE(out, p, size);
            }
            p += 4 + size;
        }
        Bytes.putIntLE(out, p, 0); // end mark
        return p + 4;
    }

    private void ensure(int capacity) {
        if (out.length < capacity) {
            out = Arrays.copyOf(out, Math.max(capacity, 2 * out.length));
        }
    }
}
