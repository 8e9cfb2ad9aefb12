package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import io.airlift.compress.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Turns one AEDAT 4 packet payload back into its size-prefixed FlatBuffer: NONE passes it
 * through, LZ4 / LZ4_HIGH go through {@link Lz4FrameDecoder} (linked blocks), ZSTD / ZSTD_HIGH
 * through aircompressor's pure-Java Zstandard decoder (frames without a content size too). Any
 * decoder failure becomes an {@link EventFormatException} at the packet's file offset. Output
 * buffers are reused; one instance is not thread-safe.
 */
final class Aedat4Decompressor {

    /** Largest decompressed packet accepted; DV packets are well under 1 MiB. */
    static final int MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

    private final Aedat4Compression compression;
    private final Lz4FrameDecoder lz4 = new Lz4FrameDecoder(MAX_DECOMPRESSED_BYTES);
    private byte[] out = new byte[0];

    Aedat4Decompressor(Aedat4Compression compression) {
        this.compression = compression;
    }

    /** The decompressed bytes of the last {@link #decompress}. */
    byte[] output() {
        return out;
    }

    /**
     * Decompresses {@code src[0 .. len)}, the payload of the packet at {@code fileOffset}.
     *
     * @return the decompressed length
     */
    int decompress(byte[] src, int len, String source, long fileOffset)
            throws EventFormatException {
        switch (compression) {
            case NONE -> {
                out = src;
                return len;
            }
            case LZ4, LZ4_HIGH -> {
                int n = lz4.decode(src, len, source, fileOffset);
                out = lz4.output();
                return n;
            }
            default -> {
                return zstd(src, len, source, fileOffset);
            }
        }
    }

    private int zstd(byte[] src, int len, String source, long fileOffset)
            throws EventFormatException {
        if (out.length == 0) {
            out = new byte[64 * 1024];
        }
        int n = 0;
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(src, 0, len))) {
            int r;
            while ((r = in.read(out, n, out.length - n)) >= 0) {
                n += r;
                if (n == out.length) {
                    if (n == MAX_DECOMPRESSED_BYTES) {
                        throw new EventFormatException(source, fileOffset, "decompressed packet "
                                + "exceeds " + MAX_DECOMPRESSED_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(MAX_DECOMPRESSED_BYTES, 2L * n));
                }
            }
        } catch (EventFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // aircompressor reports corrupt input with unchecked exceptions
            throw new EventFormatException(source, fileOffset,
                    "corrupt " + compression + " packet payload: " + e.getMessage());
        }
        return n;
    }
}
