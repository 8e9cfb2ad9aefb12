/**
 * Outputs driven by decisions: the project's {@link io.neuroedge.agent.gpio.GpioPort} (digital
 * output lines), its Pi4J 3 implementation for Raspberry Pi boards (gpiod or linuxfs provider,
 * never a mock), a logging implementation for every other machine, the {@code --gpio} class-to-pin
 * map and the {@link io.neuroedge.agent.gpio.ClassIndicator} that lights one pin per class.
 */
package io.neuroedge.agent.gpio;
