/**
 * Host training glue for {@code neuroedge train} and the demo: datasets ({@link io.neuroedge.host.train.TrainingData}),
 * one training run with its epochs, checkpoints and model ({@link io.neuroedge.host.train.TrainingSession}) and
 * the progress line. The learning rules themselves live in {@code io.neuroedge.runtime.learn}.
 */
package io.neuroedge.host.train;
