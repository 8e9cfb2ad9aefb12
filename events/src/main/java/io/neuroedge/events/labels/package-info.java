/**
 * Labels for recordings: label windows inside one recording
 * ({@link io.neuroedge.events.labels.LabelledSlices}, DVS128 Gesture {@code *_labels.csv}, giving
 * {@link io.neuroedge.events.labels.LabelledEvents}) and label lists naming one class per file
 * ({@link io.neuroedge.events.labels.LabelsCsv}, the {@code labels.csv} of a data set folder).
 */
package io.neuroedge.events.labels;
