package io.neuroedge.host.sim;

import io.neuroedge.events.EventArray;

/**
 * A numbered, labelled set of simulated recordings that {@link SimulatedDataset} writes out.
 * Implementations must be safe to call from several threads at once and deterministic: the
 * same index and parameters give the same events.
 */
public interface Scene {

    /** Number of recordings. */
    int size();

    /** Sensor width of every recording. */
    int width();

    /** Sensor height of every recording. */
    int height();

    /** Class label of recording {@code index}. */
    int label(int index);

    /** Simulates recording {@code index} with these simulator settings (seed included). */
    EventArray record(int index, DvsParameters parameters);
}
