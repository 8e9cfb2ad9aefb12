/** The compile report: per-layer quantisation results and totals, rendered as text or JSON. */
package io.neuroedge.compiler.report;
