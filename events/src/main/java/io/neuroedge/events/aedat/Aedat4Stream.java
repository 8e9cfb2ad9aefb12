package io.neuroedge.events.aedat;

/**
 * One stream that an AEDAT 4 IOHeader's {@code infoNode} declares.
 *
 * @param id             the stream id packets carry
 * @param typeIdentifier FlatBuffer identifier of its packets: {@code EVTS}, {@code FRME},
 *                       {@code IMUS}, {@code TRIG}, ...
 * @param name           {@code originalOutputName}, e.g. {@code events}; empty when absent
 * @param sizeX          sensor width from its {@code info} node, or 0 when absent
 * @param sizeY          sensor height from its {@code info} node, or 0 when absent
 * @param cameraSource   the {@code source} attribute, e.g. {@code DAVIS346_00000104}; empty when
 *                       absent
 */
public record Aedat4Stream(int id, String typeIdentifier, String name, int sizeX, int sizeY,
        String cameraSource) {

    /** FlatBuffer identifier of polarity event packets. */
    public static final String EVENTS = "EVTS";

    /** Whether this stream carries polarity events. */
    public boolean isEvents() {
        return EVENTS.equals(typeIdentifier);
    }
}
