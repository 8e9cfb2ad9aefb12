package io.neuroedge.events.aedat;

import java.util.Locale;

/**
 * The sensors whose AEDAT 2.0 address layout {@link Aedat2Reader} knows, chosen from the
 * {@code # AEChip:} header line (a jAER Java class name).
 */
public enum Aedat2Chip {
    /** {@code ch.unizh.ini.jaer.chip.retina.DVS128} (also Tmpdiff128): 128 x 128. */
    DVS128(128, 128, Aedat2Mapping.JAER_DVS128),
    /** {@code eu.seebetter.ini.chips.davis.DAVIS240*}: 240 x 180. */
    DAVIS240(240, 180, Aedat2Mapping.JAER_DAVIS),
    /** {@code eu.seebetter.ini.chips.davis.Davis346*} (red, blue, B, mono): 346 x 260. */
    DAVIS346(346, 260, Aedat2Mapping.JAER_DAVIS);

    private final int width;
    private final int height;
    private final Aedat2Mapping jaerMapping;

    Aedat2Chip(int width, int height, Aedat2Mapping jaerMapping) {
        this.width = width;
        this.height = height;
        this.jaerMapping = jaerMapping;
    }

    /** Sensor width in pixels. */
    public int width() {
        return width;
    }

    /** Sensor height in pixels. */
    public int height() {
        return height;
    }

    /** The mapping jAER applies for this chip. */
    public Aedat2Mapping jaerMapping() {
        return jaerMapping;
    }

    /** Whether events use the 32-bit DAVIS layout rather than DVS128's 16-bit one. */
    boolean davisLayout() {
        return this != DVS128;
    }

    /** The chip an {@code AEChip} class name denotes, or null when it is not one of these. */
    static Aedat2Chip ofClassName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1)
                .toLowerCase(Locale.ROOT);
        if (simple.startsWith("dvs128") || simple.startsWith("tmpdiff128")) {
            return DVS128;
        }
        if (simple.startsWith("davis346")) {
            return DAVIS346;
        }
        if (simple.startsWith("davis240")) {
            return DAVIS240;
        }
        return null;
    }
}
