package io.neuroedge.compiler.request;

import io.neuroedge.runtime.input.EventSink;

import java.io.IOException;

/**
 * The sample recordings of {@code compile --calibrate}, supplied by whoever can decode event files
 * (the command line): the compiler only needs their events, in order, and decodes no format itself.
 */
public interface SampleRecordings {

    /** How many recordings there are (at least one). */
    int size();

    /**
     * Sends every event of recording {@code index} to {@code sink}, in time order. Called from
     * several threads at once for different recordings.
     */
    void replay(int index, EventSink sink) throws IOException;

    /** Lists the recordings when calibration starts, so option errors are reported before folder errors. */
    @FunctionalInterface
    interface Source {
        SampleRecordings open() throws IOException;
    }
}
