/**
 * Running a program over many recordings at once (all cores, engine state reset between
 * recordings), optionally beside its float reference: the machinery behind {@code eval} and
 * {@code compile --calibrate}.
 */
package io.neuroedge.host.eval;
