/**
 * Prophesee recordings: RAW files with EVT 3.0 ({@link io.neuroedge.events.prophesee.Evt3Reader},
 * {@link io.neuroedge.events.prophesee.Evt3Writer}) or EVT 2.0
 * ({@link io.neuroedge.events.prophesee.Evt2Reader}) words, and DAT files
 * ({@link io.neuroedge.events.prophesee.DatReader}), each behind a {@code %} header checked against
 * the encoding the reader expects.
 */
package io.neuroedge.events.prophesee;
