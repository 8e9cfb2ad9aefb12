/**
 * File-system primitives every module that writes files shares:
 * {@link io.neuroedge.runtime.io.AtomicFiles} replaces a file so that readers and crashes see
 * either the old or the complete new content (programs, NIR files, recordings, checkpoints, the
 * device's program store).
 */
package io.neuroedge.runtime.io;
