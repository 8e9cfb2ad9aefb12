/**
 * The importer's profile: step length, exporter conventions and integrator — the facts a NIR file
 * does not carry but a discrete-time program needs.
 */
package io.neuroedge.compiler.profile;
