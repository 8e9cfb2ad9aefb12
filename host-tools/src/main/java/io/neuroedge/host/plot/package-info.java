/**
 * The pictures the CLI writes, drawn with XChart (no hand-drawn axes): learning curves beside a
 * trained model ({@code train}), a confusion matrix ({@code eval --plot}), a latency histogram
 * ({@code stream --plot}) and the one-page compile report ({@code compile --report-html}). Each class
 * turns its data into PNG bytes (or an HTML page with the PNGs inline); the commands write them
 * atomically. Rendering is headless.
 */
package io.neuroedge.host.plot;
