/**
 * Event-camera simulation: {@link io.neuroedge.host.sim.DvsSimulator} turns intensity frames
 * into DVS events; {@link io.neuroedge.host.sim.SaccadeRecorder} makes N-MNIST-like recordings
 * of static images.
 */
package io.neuroedge.host.sim;
