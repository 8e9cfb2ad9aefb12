/**
 * Readers that turn event-camera recordings into {@link io.neuroedge.runtime.input.EventSink}
 * calls, plus {@link io.neuroedge.host.events.EventArray}, an in-memory event buffer. Readers
 * stream fixed-size chunks and never crash on bad input: they throw
 * {@link io.neuroedge.host.events.EventFormatException} naming the file and byte offset.
 */
package io.neuroedge.host.events;
