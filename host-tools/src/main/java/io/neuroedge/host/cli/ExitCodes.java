package io.neuroedge.host.cli;

import io.neuroedge.host.agent.AgentRequestException;
import io.neuroedge.host.agent.AgentUnreachableException;
import io.neuroedge.proto.agent.Error;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * What a {@code neuroedge} exit code tells a script (the README lists them). The usage, no-input,
 * unavailable and internal codes are the BSD {@code sysexits.h} values.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command rejected its input: a malformed file, an invalid program, a value out of range. */
    public static final int BAD_INPUT = 2;
    /** The agent answered the request with an error (refused program, unauthenticated, unsupported...). */
    public static final int AGENT_REFUSED = 3;
    /** The command line itself is wrong: unknown option, missing argument, bad syntax. */
    public static final int USAGE = 64;
    /** An input file or folder does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /** The agent could not be reached, or the connection dropped before it answered. */
    public static final int UNAVAILABLE = 69;
    /** A bug: the message says what failed; NEUROEDGE_DEBUG=1 prints the trace. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The code for an exception a command threw. */
    public static int of(Exception e) {
        if (e instanceof AgentUnreachableException) {
            return UNAVAILABLE;
        }
        if (e instanceof AgentRequestException r) {
            // UNKNOWN: the connection failed before the agent answered
            return r.code() == Error.Code.UNKNOWN ? UNAVAILABLE : AGENT_REFUSED;
        }
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            return NO_INPUT;
        }
        if (e instanceof java.io.IOException || e instanceof io.neuroedge.runtime.program.InvalidProgramException
                || e instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        return INTERNAL;
    }
}
