package io.neuroedge.agent.protocol;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.agent.EventBatch;
import io.neuroedge.runtime.input.EventSink;

/**
 * Streams the events of a received {@link EventBatch} into an {@link EventSink} (a filter chain or
 * the {@code EventBinner} of an engine). Sits behind the session handler that receives
 * {@code Envelope.events}; allocates nothing per event, because the ingest path runs for every
 * event the camera produces.
 */
public final class EventBatchDecoder {

    private EventBatchDecoder() {
    }

    /**
     * Validates {@code batch} as {@link EventBatchCodec#validate} does, then delivers its events in
     * order. Nothing reaches the sink if validation fails.
     *
     * @return the number of events delivered
     * @throws IllegalArgumentException naming the malformed field
     */
    public static int forEach(EventBatch batch, EventSink sink) {
        int n = EventBatchCodec.validate(batch);
        ByteString bits = batch.getPolarityBits();
        long t = batch.getT0Us();
        for (int i = 0; i < n; i++) {
            // getDtUs/getXy read the primitive IntList without boxing; byteAt does not copy
            t += Integer.toUnsignedLong(batch.getDtUs(i));
            int xy = batch.getXy(i);
            int polarity = (bits.byteAt(i >>> 3) >>> (i & 7)) & 1;
            sink.event(xy & 0xFFFF, xy >>> 16, polarity, t);
        }
        return n;
    }
}
