package io.neuroedge.events.aedat;

/**
 * How AEDAT 2.0 raw address fields become delivered coordinates and polarity. Sources disagree
 * (jAER, the writer, mirrors DVS128 x and calls raw polarity 0 ON; iniVation's AEDAT 1.0 page
 * calls raw 1 ON; Tonic swaps the axes), so the mapping is explicit. The defaults are jAER's:
 * {@link #JAER_DVS128} and {@link #JAER_DAVIS}.
 *
 * @param mirrorX             deliver {@code width - 1 - rawX} instead of {@code rawX}
 * @param mirrorY             deliver {@code height - 1 - rawY} instead of {@code rawY}
 * @param rawPolarityZeroIsOn deliver polarity 1 (ON) for a raw polarity bit of 0
 */
public record Aedat2Mapping(boolean mirrorX, boolean mirrorY, boolean rawPolarityZeroIsOn) {

    /** jAER's DVS128 extractor: {@code x = 127 - rawX}, y kept, raw polarity 0 = ON. */
    public static final Aedat2Mapping JAER_DVS128 = new Aedat2Mapping(true, false, true);
    /** jAER's DAVIS extractor: both axes mirrored, raw polarity bit 1 = ON. */
    public static final Aedat2Mapping JAER_DAVIS = new Aedat2Mapping(true, true, false);
    /** Raw fields as stored: no mirroring, raw polarity 1 = ON. */
    public static final Aedat2Mapping RAW = new Aedat2Mapping(false, false, false);
}
