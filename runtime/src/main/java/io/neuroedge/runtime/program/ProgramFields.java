package io.neuroedge.runtime.program;

import io.neuroedge.proto.program.Layer;

/** Helpers every loading pass uses: unsigned proto fields and how a layer is named in messages. */
final class ProgramFields {

    private ProgramFields() {
    }

    /** An unsigned proto field as an int, rejected above {@code max} (values >= 2^31 read as negative). */
    static int u32(String where, int raw, long max) throws InvalidProgramException {
        long value = Integer.toUnsignedLong(raw);
        if (value > max) {
            throw new InvalidProgramException(where + " is " + value + ", over the maximum of " + max);
        }
        return (int) value;
    }

    /** "layer 3 'fc1'": the prefix of every message about a layer. */
    static String where(int index, Layer layer) {
        return "layer " + index + " '" + layer.getName() + "'";
    }
}
