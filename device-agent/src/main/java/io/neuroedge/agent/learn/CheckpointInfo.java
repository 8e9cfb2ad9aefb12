package io.neuroedge.agent.learn;

/**
 * A learning checkpoint.
 *
 * @param program the learned program, a complete sealed {@code .nsp} file
 * @param updates weight updates applied since learning was enabled (for the log and the answer)
 */
public record CheckpointInfo(byte[] program, long updates) {
}
