/**
 * Spike-count tables for {@code neuroedge run}: {@link io.neuroedge.host.spikes.SpikeCsv} reads a
 * CSV of per-step input counts, with {@link io.neuroedge.host.spikes.ColumnSpec} selecting the
 * input columns, into a {@link io.neuroedge.host.spikes.SpikeTrain}. Malformed files end in a
 * {@link io.neuroedge.events.csv.CsvFormatException} naming the line and column.
 */
package io.neuroedge.host.spikes;
