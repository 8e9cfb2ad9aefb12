package io.neuroedge.events;

/**
 * Totals of one complete read of a recording.
 *
 * @param format        the format that was decoded
 * @param header        the file's text header ({@link RecordingHeader#EMPTY} when it has none)
 * @param events        CD events delivered to the sink
 * @param onEvents      delivered events with polarity 1
 * @param skippedWords  words (DAT: records; N-MNIST: overflow markers) read but not delivered:
 *                      triggers, IMU, monitoring, continuation words, padding, and CD events
 *                      before the first time base
 * @param timeHighWords EVT 2.0 / 3.0 TIME_HIGH words seen (0 for other formats)
 * @param firstTimeUs   timestamp of the first delivered event, or -1 when there is none
 * @param lastTimeUs    timestamp of the last delivered event, or -1 when there is none
 * @param sensorWidth   sensor width in pixels, or 0 when unknown
 * @param sensorHeight  sensor height in pixels, or 0 when unknown
 */
public record RecordingSummary(EventFormat format, RecordingHeader header, long events,
        long onEvents, long skippedWords, long timeHighWords, long firstTimeUs, long lastTimeUs,
        int sensorWidth, int sensorHeight) {

    /** Whether the sensor size is known (from the header or the format). */
    public boolean sensorSizeKnown() {
        return sensorWidth > 0 && sensorHeight > 0;
    }
}
