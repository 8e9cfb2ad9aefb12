package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import java.util.Arrays;

/**
 * Pure-Java decoder of LZ4 frames (lz4 {@code doc/lz4_Frame_format.md}) including frames with
 * <em>linked</em> blocks, which iniVation DV writes (FLG 0x40) and {@code lz4-java}'s frame
 * stream rejects. All blocks of a frame decode into one output buffer, so a match may reach back
 * across a block boundary. Checksums are skipped, not verified: AEDAT 4 files carry none, and
 * every offset and length is bounds-checked instead, so corrupt input fails with an
 * {@link EventFormatException} rather than an index error. Several concatenated frames decode
 * back to back. The output buffer is reused between calls; one instance is not thread-safe.
 */
final class Lz4FrameDecoder {

    static final int MAGIC = 0x184D2204;
    private static final int MIN_MATCH = 4;

    private final int maxOutput;
    private byte[] out = new byte[64 * 1024];
    private int outLen;
    private String source;
    private long fileOffset;
    /** Input position after the last {@link #extend}. */
    private int cursor;

    /** @param maxOutput largest decompressed size accepted, a guard against corrupt lengths */
    Lz4FrameDecoder(int maxOutput) {
        this.maxOutput = maxOutput;
    }

    /** The decompressed bytes of the last {@link #decode}; valid up to its return value. */
    byte[] output() {
        return out;
    }

    /**
     * Decodes the frame(s) in {@code src[0 .. len)}.
     *
     * @param fileOffset file offset of {@code src[0]}, for error messages
     * @return the decompressed length
     */
    int decode(byte[] src, int len, String source, long fileOffset) throws EventFormatException {
        this.source = source;
        this.fileOffset = fileOffset;
        outLen = 0;
        int p = 0;
        do {
            p = frame(src, p, len);
        } while (p < len);
        return outLen;
    }

    /** Decodes one frame starting at {@code p}; returns the position after it. */
    private int frame(byte[] src, int p, int len) throws EventFormatException {
        need(p, 7, len, "LZ4 frame header");
        int magic = Bytes.intLE(src, p);
        if (magic != MAGIC) {
            throw error(p, String.format("not an LZ4 frame (magic 0x%08X)", magic));
        }
        int flg = src[p + 4] & 0xFF;
        int bd = src[p + 5] & 0xFF;
        if (flg >>> 6 != 1 || (flg & 0x02) != 0 || (bd & 0x8F) != 0) {
            throw error(p + 4, String.format("unsupported LZ4 frame descriptor FLG 0x%02X BD 0x%02X",
                    flg, bd));
        }
        int blockCode = bd >>> 4 & 7;
        if (blockCode < 4) {
            throw error(p + 5, "invalid LZ4 block maximum size code " + blockCode);
        }
        int maxBlock = 1 << (8 + 2 * blockCode);
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        // magic, FLG, BD, optional content size and dictionary id, header checksum
        p += 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
        int frameStart = outLen;
        while (true) {
            need(p, 4, len, "LZ4 block size");
            int word = Bytes.intLE(src, p);
            p += 4;
            if (word == 0) {
                break;
            }
            int size = word & 0x7FFF_FFFF;
            if (size > maxBlock) {
                throw error(p - 4, "LZ4 block of " + size + " bytes exceeds the frame's maximum "
                        + maxBlock);
            }
            need(p, size, len, "LZ4 block");
            if (word < 0) {
                // high bit set: the block is stored uncompressed
                ensure(size, p);
                System.arraycopy(src, p, out, outLen, size);
                outLen += size;
            } else {
                block(src, p, p + size, frameStart);
            }
            p += size + (blockChecksum ? 4 : 0);
        }
        p += contentChecksum ? 4 : 0;
        if (p > len) {
            throw error(len, "file ends inside the LZ4 frame's content checksum");
        }
        return p;
    }

    /** Decodes one compressed block {@code src[p .. end)}; matches may reach back to {@code frameStart}. */
    private void block(byte[] src, int p, int end, int frameStart) throws EventFormatException {
        while (true) {
            int token = src[p++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                literals = extend(src, p, end, literals);
                p = cursor;
            }
            if (literals > end - p) {
                throw error(p, "LZ4 literal run of " + literals + " bytes overruns its block");
            }
            ensure(literals, p);
            System.arraycopy(src, p, out, outLen, literals);
            outLen += literals;
            p += literals;
            if (p == end) {
                return;   // the last sequence has literals only
            }
            if (end - p < 2) {
                throw error(p, "LZ4 block ends inside a match offset");
            }
            int offset = Bytes.ushortLE(src, p);
            if (offset == 0 || offset > outLen - frameStart) {
                throw error(p, "LZ4 match offset " + offset + " points before the frame's output");
            }
            p += 2;
            int length = token & 15;
            if (length == 15) {
                length = extend(src, p, end, length);
                p = cursor;
            }
            length += MIN_MATCH;
            ensure(length, p);
            int from = outLen - offset;
            if (offset >= length) {
                System.arraycopy(out, from, out, outLen, length);
            } else {
                // overlapping copy repeats the last `offset` bytes, so it must go byte by byte
                for (int i = 0; i < length; i++) {
                    out[outLen + i] = out[from + i];
                }
            }
            outLen += length;
            if (p >= end) {
                throw error(p, "LZ4 block ends with a match instead of literals");
            }
        }
    }

    /**
     * Adds the 255-continued length bytes at {@code p} to {@code base}; leaves the position after
     * them in {@link #cursor}.
     */
    private int extend(byte[] src, int p, int end, int base) throws EventFormatException {
        long length = base;
        int b;
        do {
            if (p >= end) {
                throw error(p, "LZ4 block ends inside a length");
            }
            b = src[p++] & 0xFF;
            length += b;
            if (length > maxOutput) {
                throw error(p, "LZ4 length exceeds " + maxOutput + " bytes");
            }
        } while (b == 255);
        cursor = p;
        return (int) length;
    }

    private void ensure(int more, int at) throws EventFormatException {
        long needed = (long) outLen + more;
        if (needed > maxOutput) {
            throw error(at, "decompressed packet exceeds " + maxOutput + " bytes");
        }
        if (needed > out.length) {
            out = Arrays.copyOf(out, (int) Math.min(maxOutput, Math.max(needed, 2L * out.length)));
        }
    }

    private void need(int p, int n, int len, String what) throws EventFormatException {
        if (n > len - p) {
            throw error(p, "packet ends inside the " + what);
        }
    }

    private EventFormatException error(int p, String problem) {
        return new EventFormatException(source, fileOffset + p, problem);
    }
}
