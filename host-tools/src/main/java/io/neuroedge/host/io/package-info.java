/**
 * Readers for the small text inputs of the host tools: label lists
 * ({@link io.neuroedge.host.io.LabelsCsv}) and spike-count tables
 * ({@link io.neuroedge.host.io.SpikeCsv}). Malformed files end in a
 * {@link io.neuroedge.host.io.CsvFormatException} naming the line and column.
 */
package io.neuroedge.host.io;
