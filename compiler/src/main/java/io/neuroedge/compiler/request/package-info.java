/**
 * A compile as the user asks for it: the options given ({@link io.neuroedge.compiler.request.CompileRequest})
 * resolved against those a NIR file records and the defaults, with notes on overrides, and the
 * calibration pass over sample recordings that the caller decodes
 * ({@link io.neuroedge.compiler.request.SampleRecordings}). Entry point:
 * {@link io.neuroedge.compiler.request.RequestCompiler}; the command line only parses and prints.
 */
package io.neuroedge.compiler.request;
