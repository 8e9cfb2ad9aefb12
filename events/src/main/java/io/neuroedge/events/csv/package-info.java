/**
 * The CSV dialect of NeuroEdge's small text inputs: {@link io.neuroedge.events.csv.CsvLines} splits
 * lines into cells (quotes, BOM, line numbers) and {@link io.neuroedge.events.csv.CsvFormatException}
 * names the line and column of a malformed cell. Used by the label list reader here and by the host
 * tools' spike tables.
 */
package io.neuroedge.events.csv;
