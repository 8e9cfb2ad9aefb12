/**
 * The {@code neuroedge} command-line tool (picocli): one class per command. Commands turn user
 * input into calls on the runtime, compiler and agent client and print text or JSON; they hold no
 * runtime or compiler logic of their own.
 */
package io.neuroedge.host.cli;
