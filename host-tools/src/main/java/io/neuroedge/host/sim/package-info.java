/**
 * Event-camera simulation: {@link io.neuroedge.host.sim.DvsSimulator} turns intensity frames
 * into DVS events; {@link io.neuroedge.host.sim.SaccadeRecorder} makes N-MNIST-like recordings
 * of static images; {@link io.neuroedge.host.sim.SimulatedDataset} writes a
 * {@link io.neuroedge.host.sim.Scene} (saccades over IDX images, or a moving bar) as a labelled
 * folder of recordings.
 */
package io.neuroedge.host.sim;
