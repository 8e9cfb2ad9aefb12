package io.neuroedge.agent.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.agent.AgentException;
import io.neuroedge.agent.TestPrograms;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.ProgramVersion;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class ProgramStoreTest {

    @TempDir
    Path dir;

    private static StoredProgram put(ProgramStore store, String name, byte[] bytes) throws Exception {
        Upload u = store.begin(name, bytes.length, SpikePrograms.sha256(bytes));
        u.append(0, ByteBuffer.wrap(bytes, 0, bytes.length / 2));
        u.append(bytes.length / 2, ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
        return store.commit(u);
    }

    private long staged() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("staging"))) {
            return s.filter(p -> p.toString().endsWith(".part")).count();
        }
    }

    @Test
    void shouldCommitVerifiedProgramsAsIncreasingVersions() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        StoredProgram v1 = put(store, "conv", TestPrograms.conv(1));
        StoredProgram v2 = put(store, "conv", TestPrograms.conv(2));
        assertEquals(1, v1.ref().getVersion());
        assertEquals(2, v2.ref().getVersion());
        assertArrayEquals(SpikePrograms.sha256(TestPrograms.conv(2)), store.active().orElseThrow().getSha256().toByteArray());
        List<ProgramVersion> versions = store.versions();
        assertEquals(2, versions.size());
        assertFalse(versions.get(0).getActive());
        assertTrue(versions.get(1).getActive());
        assertEquals(0, staged());
    }

    @Test
    void shouldRejectDigestMismatchAndInvalidProgramsWithoutTouchingTheActiveOne() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        put(store, "conv", TestPrograms.conv(1));
        byte[] good = TestPrograms.conv(2);

        Upload wrongDigest = store.begin("conv", good.length, new byte[32]);
        wrongDigest.append(0, ByteBuffer.wrap(good));
        AgentException e = assertThrows(AgentException.class, () -> store.commit(wrongDigest));
        assertEquals(Error.Code.INVALID_PROGRAM, e.code());

        byte[] garbage = new byte[1000];
        garbage[0] = 0x0a;
        Upload invalid = store.begin("conv", garbage.length, SpikePrograms.sha256(garbage));
        invalid.append(0, ByteBuffer.wrap(garbage));
        e = assertThrows(AgentException.class, () -> store.commit(invalid));
        assertEquals(Error.Code.INVALID_PROGRAM, e.code());
        assertTrue(e.getMessage().contains("failed verification"), e.getMessage());

        byte[] noEvents = TestPrograms.denseWithoutEvents();
        e = assertThrows(AgentException.class, () -> put(store, "dense", noEvents));
        assertEquals(Error.Code.INVALID_PROGRAM, e.code());

        assertEquals(1, store.active().orElseThrow().getVersion());
        assertEquals(1, store.versions().size());
        assertEquals(0, staged(), "rejected uploads leave no staging file");
        assertEquals(1, ProgramStore.open(dir).recover().orElseThrow().ref().getVersion());
    }

    @Test
    void shouldRejectBadSequencesNamesAndSizes() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        byte[] bytes = TestPrograms.conv(1);
        try (Upload u = store.begin("conv", bytes.length, SpikePrograms.sha256(bytes))) {
            assertEquals(Error.Code.BAD_REQUEST,
                    assertThrows(AgentException.class, () -> u.append(10, ByteBuffer.wrap(bytes, 0, 5))).code(), "gap");
            u.append(0, ByteBuffer.wrap(bytes, 0, 100));
            assertEquals(Error.Code.BAD_REQUEST,
                    assertThrows(AgentException.class, () -> u.append(50, ByteBuffer.wrap(bytes, 50, 5))).code(), "overlap");
            assertEquals(Error.Code.BAD_REQUEST,
                    assertThrows(AgentException.class, () -> u.append(100, ByteBuffer.wrap(new byte[bytes.length]))).code(),
                    "past total_size");
            assertEquals(Error.Code.BAD_REQUEST, assertThrows(AgentException.class, () -> store.commit(u)).code(),
                    "commit before all bytes");
        }
        assertEquals(Error.Code.BAD_REQUEST,
                assertThrows(AgentException.class, () -> store.begin("../etc", 10, new byte[32])).code());
        assertEquals(Error.Code.BAD_REQUEST,
                assertThrows(AgentException.class, () -> store.begin("conv", 10, new byte[5])).code());
        assertEquals(Error.Code.INVALID_PROGRAM,
                assertThrows(AgentException.class, () -> store.begin("conv", 1L << 40, new byte[32])).code());
        assertTrue(store.active().isEmpty());
    }

    @Test
    void shouldDiscardAnInterruptedUploadAtRestartAndKeepTheActiveProgram() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        put(store, "conv", TestPrograms.conv(1));
        byte[] next = TestPrograms.conv(2);
        Upload u = store.begin("conv", next.length, SpikePrograms.sha256(next));
        u.append(0, ByteBuffer.wrap(next, 0, next.length / 3));
        // the agent dies here: no commit, no close
        ProgramStore reopened = ProgramStore.open(dir);
        assertEquals(0, staged(), "staging is emptied at start-up");
        StoredProgram recovered = reopened.recover().orElseThrow();
        assertEquals(1, recovered.ref().getVersion());
        assertArrayEquals(SpikePrograms.sha256(TestPrograms.conv(1)), recovered.ref().getSha256().toByteArray());
    }

    @Test
    void shouldRollBackToThePreviousVersionAndRememberItAcrossRestarts() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        assertEquals(Error.Code.BAD_REQUEST, assertThrows(AgentException.class, store::rollback).code());
        put(store, "conv", TestPrograms.conv(1));
        put(store, "other", TestPrograms.conv(2));
        StoredProgram back = store.rollback();
        assertEquals("conv", back.ref().getName());
        assertEquals(1, back.ref().getVersion());
        assertEquals("conv", ProgramStore.open(dir).recover().orElseThrow().ref().getName());
        assertEquals(Error.Code.BAD_REQUEST, assertThrows(AgentException.class, store::rollback).code(), "nothing older");
    }

    @Test
    void shouldFallBackWhenTheActiveFileIsCorruptedOnDisk() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        put(store, "conv", TestPrograms.conv(1));
        put(store, "conv", TestPrograms.conv(2));
        Path v2 = dir.resolve("programs/conv/v2.nsp");
        byte[] bytes = Files.readAllBytes(v2);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(v2, bytes);
        StoredProgram recovered = ProgramStore.open(dir).recover().orElseThrow();
        assertEquals(1, recovered.ref().getVersion());
        assertEquals(1, ProgramStore.open(dir).active().orElseThrow().getVersion(), "the fallback is persisted");
    }

    @Test
    void shouldKeepABoundedHistory() throws Exception {
        ProgramStore store = ProgramStore.open(dir);
        byte[] bytes = TestPrograms.conv(1);
        for (int i = 0; i < ProgramStore.HISTORY_LIMIT + 3; i++) {
            put(store, "conv", bytes);
        }
        assertEquals(ProgramStore.HISTORY_LIMIT, store.versions().size());
        assertEquals(ProgramStore.HISTORY_LIMIT + 3, store.active().orElseThrow().getVersion());
    }
}
