package io.neuroedge.runtime.program;

import com.google.protobuf.ByteString;
import io.neuroedge.proto.program.ProgramBody;
import io.neuroedge.proto.program.SpikeProgram;
import io.neuroedge.runtime.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Constants of the .nsp container and sealing a body into it (digest, magic, version). */
public final class SpikePrograms {

    /** "NSP1" read as a big-endian int. */
    public static final int MAGIC = 0x4E535031;
    /** The format version this runtime reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private SpikePrograms() {
    }

    /** Wraps a body into a program file with magic, version and SHA-256 over the body bytes. */
    public static SpikeProgram seal(ProgramBody body) {
        byte[] bytes = body.toByteArray();
        return SpikeProgram.newBuilder()
                .setMagic(MAGIC)
                .setFormatVersion(FORMAT_VERSION)
                .setBody(ByteString.copyFrom(bytes))
                .setBodySha256(ByteString.copyFrom(sha256(bytes)))
                .build();
    }

    /** Writes a sealed program to {@code path} atomically ({@link AtomicFiles}). */
    public static void write(ProgramBody body, Path path) throws IOException {
        AtomicFiles.write(path, seal(body).toByteArray());
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
