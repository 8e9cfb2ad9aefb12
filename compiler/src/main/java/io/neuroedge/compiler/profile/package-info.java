/**
 * The importer's profile: step length, exporter conventions, integrator, input scale and readout — the
 * facts a NIR file does not carry but a discrete-time program needs — and their record in the metadata
 * of NIR files that NeuroEdge itself exports ({@link io.neuroedge.compiler.profile.RecordedOptions}).
 */
package io.neuroedge.compiler.profile;
