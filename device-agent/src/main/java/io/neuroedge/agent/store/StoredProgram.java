package io.neuroedge.agent.store;

import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.runtime.program.ExecutionPlan;

/**
 * A verified program from the store, ready to hand to the engine thread.
 *
 * @param ref  name, whole-file SHA-256 and store version
 * @param plan the runtime's verified execution plan, loaded for this activation alone (on-device
 *             learning writes into it)
 * @param file the sealed {@code .nsp} bytes it was loaded from (a learned program is exported from them)
 */
public record StoredProgram(ProgramRef ref, ExecutionPlan plan, byte[] file) {
}
