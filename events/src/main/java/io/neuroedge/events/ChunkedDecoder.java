package io.neuroedge.events;

import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;
import java.io.InputStream;

/**
 * Shared machinery of the word-stream decoders (Prophesee): reads the data part of a file in
 * 64 KiB chunks, hands each run of whole words to {@link #decode} and carries a partial word over
 * to the next chunk. One instance decodes one file; it is not thread-safe.
 */
public abstract class ChunkedDecoder extends EventEmitter {

    /** Bytes read per chunk; also the buffer size of the AEDAT readers' byte source. */
    public static final int CHUNK_BYTES = 64 * 1024;

    protected ChunkedDecoder(String source, EventSink sink, int width, int height) {
        super(source, sink, width, height);
    }

    /**
     * Decodes {@code buf[0 .. length)}, a whole number of words.
     *
     * @param bufStart file offset of {@code buf[0]}, for error messages
     */
    protected abstract void decode(byte[] buf, int length, long bufStart) throws EventFormatException;

    /**
     * Streams {@code in} to its end through {@link #decode}.
     *
     * @param startOffset file offset of the first byte of {@code in}
     * @param wordBytes   size of one word or record; a partial one at the end is an error
     * @param wordName    what a word is called in the truncation message
     */
    public final void run(InputStream in, long startOffset, int wordBytes, String wordName)
            throws IOException {
        byte[] buf = new byte[CHUNK_BYTES];
        int filled = 0;   // bytes in buf; after each chunk only a partial word remains
        long bufStart = startOffset;
        int n;
        while ((n = in.read(buf, filled, buf.length - filled)) >= 0) {
            filled += n;
            int whole = filled - filled % wordBytes;
            if (whole > 0) {
                decode(buf, whole, bufStart);
            }
            // keep the bytes of a partial word for the next chunk
            System.arraycopy(buf, whole, buf, 0, filled - whole);
            bufStart += whole;
            filled -= whole;
        }
        if (filled != 0) {
            throw new EventFormatException(source, bufStart, "truncated " + wordName + ": "
                    + filled + " trailing byte(s) of " + wordBytes + " at the end of the file");
        }
    }
}
