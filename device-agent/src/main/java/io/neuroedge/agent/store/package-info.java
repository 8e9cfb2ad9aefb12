/**
 * The on-device program store: staged uploads checked by size, SHA-256 and the runtime's full
 * program verification, atomic activation (write, fsync, rename, fsync the folder), a version
 * history for rollback, and recovery of the last committed program after a restart. Used only from
 * the agent's store thread.
 */
package io.neuroedge.agent.store;
