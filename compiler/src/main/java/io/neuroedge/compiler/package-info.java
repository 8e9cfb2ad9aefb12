/**
 * The NeuroEdge compiler: imports trained spiking networks (NIR), checks and discretises them and
 * quantizes them into fixed-point spike programs with a report of what quantization cost.
 * Knows nothing about the network or the board.
 */
package io.neuroedge.compiler;
