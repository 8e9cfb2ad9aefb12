package io.neuroedge.events;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Test stream that returns at most {@code maxRead} bytes per read, so that a reader sees its
 * data in tiny chunks and words straddle chunk boundaries.
 */
public final class ChunkedInputStream extends FilterInputStream {

    private final int maxRead;

    public ChunkedInputStream(InputStream in, int maxRead) {
        super(in);
        this.maxRead = maxRead;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, maxRead));
    }
}
