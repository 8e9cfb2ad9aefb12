package io.neuroedge.events.aedat;

import io.neuroedge.events.ChunkedDecoder;
import io.neuroedge.events.EventFormatException;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream that knows its byte offset in the file and turns an early end of file
 * into an {@link EventFormatException} naming that offset. The AEDAT readers use it to walk
 * headers and packets; it is also an {@link InputStream}, so a {@link ChunkedDecoder} can stream
 * the rest of the file through it. Not thread-safe; does not close the wrapped stream.
 */
final class ByteSource extends InputStream {

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[ChunkedDecoder.CHUNK_BYTES];
    private int pos;
    private int limit;
    /** File offset of {@code buf[0]}. */
    private long bufStart;

    ByteSource(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The name of the source, for error messages. */
    String source() {
        return source;
    }

    /** File offset of the next byte. */
    long position() {
        return bufStart + pos;
    }

    /** The next byte without consuming it, or -1 at the end of the file. */
    int peek() throws IOException {
        return fill() ? buf[pos] & 0xFF : -1;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads exactly {@code len} bytes.
     *
     * @param what what is being read, for the truncation message (e.g. "packet header")
     */
    void readFully(byte[] b, int off, int len, String what) throws IOException {
        long start = position();
        int done = 0;
        while (done < len) {
            int n = read(b, off + done, len - done);
            if (n < 0) {
                throw truncated(start, what, done, len);
            }
            done += n;
        }
    }

    /** Skips exactly {@code n} bytes; see {@link #readFully} for {@code what}. */
    void skipFully(long n, String what) throws IOException {
        long start = position();
        long left = n;
        while (left > 0) {
            if (!fill()) {
                throw truncated(start, what, n - left, n);
            }
            int step = (int) Math.min(left, limit - pos);
            pos += step;
            left -= step;
        }
    }

    /** Reads a little-endian int32. */
    int readIntLE(String what) throws IOException {
        byte[] b = new byte[4];
        readFully(b, 0, 4, what);
        return Bytes.intLE(b, 0);
    }

    /** Whether at least one more byte follows. */
    boolean hasMore() throws IOException {
        return fill();
    }

    private EventFormatException truncated(long start, String what, long got, long wanted) {
        return new EventFormatException(source, start, "file ends inside the " + what + " ("
                + got + " of " + wanted + " bytes present)");
    }

    /** Makes sure the buffer holds at least one unread byte; false at the end of the file. */
    private boolean fill() throws IOException {
        while (pos == limit) {
            bufStart += limit;
            pos = 0;
            limit = 0;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            limit = n;
        }
        return true;
    }
}
