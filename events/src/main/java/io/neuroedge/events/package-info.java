/**
 * The format-independent core of the recording library: {@link io.neuroedge.events.EventFileReader}
 * and {@link io.neuroedge.events.EventFileWriter}, content-based format detection
 * ({@link io.neuroedge.events.EventFormats}), writer choice by name or extension
 * ({@link io.neuroedge.events.EventWriters}), the Prophesee-style
 * {@link io.neuroedge.events.RecordingHeader}, {@link io.neuroedge.events.RecordingSummary},
 * {@link io.neuroedge.events.EventArray}, an in-memory event buffer, and
 * {@link io.neuroedge.events.EventFrames}, a recording binned into per-step input frames the way
 * the runtime bins a live stream. The decoder base classes
 * ({@link io.neuroedge.events.EventEmitter}, {@link io.neuroedge.events.ChunkedDecoder},
 * {@link io.neuroedge.events.StreamingEventFileReader}) are public only for the family packages
 * ({@code nmnist}, {@code prophesee}, {@code aedat}). Readers stream fixed-size chunks into an
 * {@link io.neuroedge.runtime.input.EventSink} without allocating per event and never crash on bad
 * input: they throw {@link io.neuroedge.events.EventFormatException} naming the file and byte
 * offset.
 */
package io.neuroedge.events;
