/**
 * The float reference interpreter: the same program in double precision with exact leaks and no
 * saturation, written independently of the engine; tests and the compiler measure fixed-point
 * agreement against it.
 */
package io.neuroedge.runtime.reference;
