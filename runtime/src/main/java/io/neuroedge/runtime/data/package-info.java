/**
 * Reads the IDX image data sets (MNIST, Fashion-MNIST; plain or gzip) that training and evaluation
 * use: {@link io.neuroedge.runtime.data.IdxReader} gives {@link io.neuroedge.runtime.data.IdxImages}
 * and labels, paired as an {@link io.neuroedge.runtime.data.IdxDataset}; malformed files end in an
 * {@link io.neuroedge.runtime.data.IdxFormatException} naming the file and byte offset.
 */
package io.neuroedge.runtime.data;
