/**
 * N-MNIST / N-Caltech101 recordings: headerless 5-byte events, read by
 * {@link io.neuroedge.events.nmnist.NMnistReader} (with its overflow markers) and written by
 * {@link io.neuroedge.events.nmnist.NMnistWriter}.
 */
package io.neuroedge.events.nmnist;
