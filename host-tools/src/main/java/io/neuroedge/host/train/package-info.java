/**
 * Host training glue for {@code neuroedge train}: datasets ({@link io.neuroedge.host.train.TrainingData})
 * and the progress line. The learning rules themselves live in {@code io.neuroedge.runtime.learn}.
 */
package io.neuroedge.host.train;
