/**
 * The on-board device agent: receives, verifies and stores spike programs atomically, feeds live
 * events to the runtime engine, fans results out to subscribers and drives GPIO outputs.
 * Contains no kernels and no compiler code.
 */
package io.neuroedge.agent;
