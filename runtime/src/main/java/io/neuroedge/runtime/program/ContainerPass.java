package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.SpikeProgram;

import java.security.MessageDigest;

/**
 * First pass of loading: the container around the body. Size, envelope parse, magic, format
 * version, body digest and the header's version against the container's; nothing of the body's
 * meaning is looked at here. The format version read here is what a loader would dispatch on to
 * pick the structure pass for that version.
 */
final class ContainerPass {

    /** A body whose container checked out, with its digest in hex. */
    record Opened(ProgramBody body, String digest) {
    }

    private final ProgramLimits limits;

    ContainerPass(ProgramLimits limits) {
        this.limits = limits;
    }

    /** Opens serialized program bytes. */
    Opened open(byte[] bytes) throws InvalidProgramException {
        if (bytes.length > limits.maxFileBytes()) {
            throw new InvalidProgramException("program is " + bytes.length + " bytes, over the limit of "
                    + limits.maxFileBytes());
        }
        if (bytes.length == 0) {
            throw new InvalidProgramException("empty file: not a spike program");
        }
        SpikeProgram program;
        try {
            program = SpikeProgram.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProgramException("not a spike program, or truncated/corrupted (" + e.getMessage() + ")");
        }
        if (program.getMagic() != SpikePrograms.MAGIC) {
            throw new InvalidProgramException(String.format(
                    "not a spike program: magic is 0x%08X, expected 0x%08X (\"NSP1\")",
                    program.getMagic(), SpikePrograms.MAGIC));
        }
        if (program.getFormatVersion() != SpikePrograms.FORMAT_VERSION) {
            throw new InvalidProgramException("format version " + program.getFormatVersion()
                    + " is not supported: this runtime reads version " + SpikePrograms.FORMAT_VERSION
                    + (program.getFormatVersion() > SpikePrograms.FORMAT_VERSION ? " (upgrade the runtime)" : ""));
        }
        byte[] body = program.getBody().toByteArray();
        ByteString declared = program.getBodySha256();
        if (declared.size() != 32) {
            throw new InvalidProgramException("body_sha256 must be 32 bytes, found " + declared.size());
        }
        byte[] actual = SpikePrograms.sha256(body);
        if (!MessageDigest.isEqual(actual, declared.toByteArray())) {
            throw new InvalidProgramException("digest mismatch, the program is corrupted: body SHA-256 is "
                    + SpikePrograms.hex(actual) + ", the file declares " + SpikePrograms.hex(declared.toByteArray()));
        }
        ProgramBody parsed;
        try {
            parsed = ProgramBody.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProgramException("program body does not parse (" + e.getMessage() + ")");
        }
        if (parsed.getHeader().getFormatVersion() != program.getFormatVersion()) {
            throw new InvalidProgramException("header.format_version " + parsed.getHeader().getFormatVersion()
                    + " differs from the container's " + program.getFormatVersion());
        }
        return new Opened(parsed, SpikePrograms.hex(actual));
    }
}
