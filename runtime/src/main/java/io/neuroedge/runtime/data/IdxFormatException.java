package io.neuroedge.runtime.data;

import java.io.IOException;

/** An IDX file whose content does not match the layout; the message names the file and byte offset. */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem in {@code file} at {@code offset} (in the decompressed content for gzip files). */
    public IdxFormatException(String file, long offset, String problem) {
        super(file + " (offset " + offset + "): " + problem);
    }
}
