/**
 * Running a program over many recordings or images at once (all cores, engine state reset between
 * samples), optionally beside its float reference: the machinery behind {@code eval}.
 */
package io.neuroedge.host.eval;
