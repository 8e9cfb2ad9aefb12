package io.neuroedge.events;

import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.events.prophesee.DatReader;
import io.neuroedge.events.prophesee.Evt2Reader;
import io.neuroedge.events.prophesee.Evt3Reader;

/** The event-file formats that {@link EventFormats#detect} tells apart. */
public enum EventFormat {
    /** Prophesee RAW with EVT 3.0 16-bit words ({@link Evt3Reader}). */
    EVT3,
    /** Prophesee RAW with EVT 2.0 32-bit words ({@link Evt2Reader}). */
    EVT2,
    /** Prophesee DAT: {@code % } header, type and size byte, 8-byte events ({@link DatReader}). */
    DAT,
    /** N-MNIST / N-Caltech101 headerless 5-byte events ({@link NMnistReader}). */
    NMNIST,
    /** Any jAER / iniVation AEDAT version ({@code #!AER-DAT} first line): 2.0, 3.1 and 4.0 have readers. */
    AEDAT,
    /** None of the above. */
    UNKNOWN
}
