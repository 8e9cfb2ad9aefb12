package io.neuroedge.agent.store;

import com.google.protobuf.ByteString;
import io.neuroedge.agent.AgentException;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.ProgramVersion;
import io.neuroedge.runtime.io.AtomicFiles;
import io.neuroedge.runtime.program.ExecutionPlan;
import io.neuroedge.runtime.program.InvalidProgramException;
import io.neuroedge.runtime.program.ProgramLimits;
import io.neuroedge.runtime.program.ProgramLoader;
import io.neuroedge.runtime.program.SpikePrograms;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Stores spike programs on the device so that no failure leaves it without a valid program.
 *
 * <pre>
 *   DATA/staging/upload-N.part   an upload in progress (deleted at start-up)
 *   DATA/programs/NAME/vK.nsp    committed version K of program NAME (never modified)
 *   DATA/history                 activated versions, one "NAME K" a line, the last one is active
 * </pre>
 *
 * A commit checks size and SHA-256, then runs the runtime's full verification
 * ({@link ProgramLoader}), and only then moves the staged file into place and rewrites
 * {@code history} (both by write + fsync + atomic rename + folder fsync). A crash at any point
 * leaves either the old or the new history, each naming complete, verified files. Rollback pops
 * the history. At start-up {@link #recover} re-verifies the active program and falls back along
 * the history if a file no longer verifies.
 *
 * <p>Threading: all methods are called from the agent's single store thread; they are
 * {@code synchronized} only so tests and the start-up path may call them from elsewhere.
 */
public final class ProgramStore {

    private static final Logger LOG = Logger.getLogger(ProgramStore.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** History entries kept; files of versions that fall out of it are deleted. */
    static final int HISTORY_LIMIT = 8;

    private final Path programs;
    private final Path staging;
    private final Path historyFile;
    private final ProgramLoader loader;
    private final ProgramLimits limits;
    private final AtomicLong uploads = new AtomicLong();
    private final List<Entry> history = new ArrayList<>();

    private record Entry(String name, int version) {
        String line() {
            return name + " " + version;
        }
    }

    private ProgramStore(Path dir, ProgramLimits limits) {
        this.programs = dir.resolve("programs");
        this.staging = dir.resolve("staging");
        this.historyFile = dir.resolve("history");
        this.limits = limits;
        this.loader = new ProgramLoader(limits);
    }

    /** Opens (creating if needed) the store in {@code dir} and discards interrupted uploads. */
    public static ProgramStore open(Path dir, ProgramLimits limits) throws IOException {
        ProgramStore store = new ProgramStore(dir, limits);
        Files.createDirectories(store.programs);
        Files.createDirectories(store.staging);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(store.staging)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
        store.readHistory();
        return store;
    }

    public static ProgramStore open(Path dir) throws IOException {
        return open(dir, ProgramLimits.DEFAULT);
    }

    private void readHistory() throws IOException {
        if (!Files.exists(historyFile)) {
            return;
        }
        for (String line : Files.readAllLines(historyFile, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && NAME.matcher(parts[0]).matches() && parts[1].matches("[0-9]{1,9}")) {
                history.add(new Entry(parts[0], Integer.parseInt(parts[1])));
            } else if (!line.isBlank()) {
                LOG.warning("ignoring malformed history line: " + line);
            }
        }
    }

    /**
     * Loads the last committed program, re-verifying it. A version that no longer verifies (disk
     * corruption) is dropped from the history and the one before it is tried.
     */
    public synchronized Optional<StoredProgram> recover() throws IOException {
        boolean changed = false;
        try {
            while (!history.isEmpty()) {
                Entry top = history.get(history.size() - 1);
                try {
                    return Optional.of(load(top));
                } catch (AgentException e) {
                    LOG.warning("stored program " + top.line() + " is unusable, falling back: " + e.getMessage());
                    history.remove(history.size() - 1);
                    changed = true;
                }
            }
            return Optional.empty();
        } finally {
            if (changed) {
                writeHistory();
            }
        }
    }

    /**
     * Starts an upload (the caller closes any previous one).
     *
     * @throws AgentException BAD_REQUEST for a bad name or digest length, INVALID_PROGRAM for a size
     *         over the device's program limit
     */
    public synchronized Upload begin(String name, long totalSize, byte[] sha256) throws AgentException, IOException {
        if (!NAME.matcher(name).matches()) {
            throw new AgentException(Error.Code.BAD_REQUEST, "program name '" + name
                    + "' must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        if (sha256.length != 32) {
            throw new AgentException(Error.Code.BAD_REQUEST, "sha256 must be 32 bytes, got " + sha256.length);
        }
        if (totalSize < 1 || totalSize > limits.maxFileBytes()) {
            throw new AgentException(Error.Code.INVALID_PROGRAM, "total_size " + totalSize
                    + " is outside 1.." + limits.maxFileBytes() + " bytes");
        }
        Path file = staging.resolve("upload-" + uploads.incrementAndGet() + ".part");
        return new Upload(name, totalSize, sha256, file);
    }

    /**
     * Verifies a finished upload and makes it the active program. On any failure the upload is
     * discarded and the store is unchanged.
     *
     * @throws AgentException BAD_REQUEST if bytes are missing, INVALID_PROGRAM if the digest or the
     *         program verification fails
     */
    public synchronized StoredProgram commit(Upload upload) throws AgentException, IOException {
        try (upload) {
            if (upload.received() != upload.totalSize()) {
                throw new AgentException(Error.Code.BAD_REQUEST, "commit after " + upload.received() + " of "
                        + upload.totalSize() + " bytes");
            }
            if (!upload.finish()) {
                throw new AgentException(Error.Code.INVALID_PROGRAM,
                        "SHA-256 of the uploaded bytes differs from the one announced in Begin");
            }
            byte[] bytes = Files.readAllBytes(upload.file());
            ExecutionPlan plan = verify(bytes, upload.name());
            int version = nextVersion(upload.name());
            Path dir = programs.resolve(upload.name());
            Files.createDirectories(dir);
            Path target = dir.resolve("v" + version + ".nsp");
            AtomicFiles.replace(upload.file(), target);
            history.add(new Entry(upload.name(), version));
            writeHistory();
            prune();
            return new StoredProgram(ref(upload.name(), version, bytes), plan, bytes);
        }
    }

    /**
     * Re-activates the version that was active before the current one.
     *
     * @throws AgentException BAD_REQUEST if there is no earlier version, INVALID_PROGRAM if it no
     *         longer verifies (the store is then unchanged)
     */
    public synchronized StoredProgram rollback() throws AgentException, IOException {
        if (history.size() < 2) {
            throw new AgentException(Error.Code.BAD_REQUEST, "no earlier program version to roll back to");
        }
        StoredProgram previous = load(history.get(history.size() - 2));
        history.remove(history.size() - 1);
        writeHistory();
        return previous;
    }

    /** The active program's reference, if any. */
    public synchronized Optional<ProgramRef> active() {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Entry top = history.get(history.size() - 1);
        try {
            return Optional.of(ref(top.name(), top.version(), Files.readAllBytes(fileOf(top))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every stored version, oldest first per name. */
    public synchronized List<ProgramVersion> versions() throws IOException {
        Entry active = history.isEmpty() ? null : history.get(history.size() - 1);
        List<ProgramVersion> out = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(programs)) {
            List<Path> sorted = new ArrayList<>();
            names.forEach(sorted::add);
            sorted.sort(null);
            for (Path dir : sorted) {
                String name = dir.getFileName().toString();
                for (int v : versionsOf(name)) {
                    Path f = dir.resolve("v" + v + ".nsp");
                    out.add(ProgramVersion.newBuilder()
                            .setProgram(ref(name, v, Files.readAllBytes(f)))
                            .setStoredUnixMs(Files.getLastModifiedTime(f).toMillis())
                            .setActive(active != null && active.equals(new Entry(name, v)))
                            .build());
                }
            }
        }
        return out;
    }

    private StoredProgram load(Entry e) throws AgentException, IOException {
        Path f = fileOf(e);
        if (!Files.isRegularFile(f)) {
            throw new AgentException(Error.Code.INVALID_PROGRAM, f + " is missing");
        }
        byte[] bytes = Files.readAllBytes(f);
        return new StoredProgram(ref(e.name(), e.version(), bytes), verify(bytes, e.name()), bytes);
    }

    private ExecutionPlan verify(byte[] bytes, String name) throws AgentException {
        try {
            ExecutionPlan plan = loader.load(bytes);
            if (plan.input().events().isEmpty()) {
                throw new AgentException(Error.Code.INVALID_PROGRAM, "program '" + name
                        + "' declares no event encoding: the agent feeds programs camera events");
            }
            return plan;
        } catch (InvalidProgramException e) {
            throw new AgentException(Error.Code.INVALID_PROGRAM, "program '" + name + "' failed verification: "
                    + e.getMessage(), e);
        }
    }

    private Path fileOf(Entry e) {
        return programs.resolve(e.name()).resolve("v" + e.version() + ".nsp");
    }

    private List<Integer> versionsOf(String name) throws IOException {
        List<Integer> out = new ArrayList<>();
        Path dir = programs.resolve(name);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "v*.nsp")) {
                for (Path f : files) {
                    String s = f.getFileName().toString();
                    String digits = s.substring(1, s.length() - 4);
                    if (digits.matches("[0-9]{1,9}")) {
                        out.add(Integer.parseInt(digits));
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    private int nextVersion(String name) throws IOException {
        int max = 0;
        for (int v : versionsOf(name)) {
            max = Math.max(max, v);
        }
        for (Entry e : history) {
            if (e.name().equals(name)) {
                max = Math.max(max, e.version());
            }
        }
        return max + 1;
    }

    /** Drops history beyond the limit and deletes files no history entry names. */
    private void prune() throws IOException {
        if (history.size() <= HISTORY_LIMIT) {
            return;
        }
        history.subList(0, history.size() - HISTORY_LIMIT).clear();
        writeHistory();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(programs)) {
            for (Path dir : names) {
                String name = dir.getFileName().toString();
                for (int v : versionsOf(name)) {
                    if (!history.contains(new Entry(name, v))) {
                        Files.deleteIfExists(dir.resolve("v" + v + ".nsp"));
                    }
                }
            }
        }
    }

    private void writeHistory() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Entry e : history) {
            sb.append(e.line()).append('\n');
        }
        Path tmp = staging.resolve("history.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        // staging/ and programs/ are siblings in DATA, so the rename stays on one file system
        AtomicFiles.replace(tmp, historyFile);
    }

    private static ProgramRef ref(String name, int version, byte[] bytes) {
        return ProgramRef.newBuilder().setName(name).setVersion(version)
                .setSha256(ByteString.copyFrom(SpikePrograms.sha256(bytes))).build();
    }
}
