/**
 * The NeuroEdge compiler: imports trained spiking networks (NIR), checks and discretises them and
 * quantizes them into fixed-point spike programs with a report of what quantization cost; resolves
 * a user's compile request (given, recorded and default options) and calibrates the input bound on
 * sample recordings the caller decodes ({@code io.neuroedge.compiler.request}).
 * Knows nothing about the network, the board or event file formats.
 */
package io.neuroedge.compiler;
