/**
 * {@code neuroedge demo}: the whole toolkit end to end in one process (simulate, train with STOP,
 * compile, agent on loopback, flash, live stream, on-device adaptation); see {@link io.neuroedge.host.demo.Demo}.
 */
package io.neuroedge.host.demo;
