package io.neuroedge.agent.store;

import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.runtime.program.ExecutionPlan;

/**
 * A verified program from the store, ready to hand to the engine thread.
 *
 * @param ref  name, whole-file SHA-256 and store version
 * @param plan the runtime's verified execution plan
 */
public record StoredProgram(ProgramRef ref, ExecutionPlan plan) {
}
