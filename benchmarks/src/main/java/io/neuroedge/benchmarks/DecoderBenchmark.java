package io.neuroedge.benchmarks;

import io.neuroedge.events.aedat.Aedat4Reader;
import io.neuroedge.events.nmnist.NMnistReader;
import io.neuroedge.events.prophesee.DatReader;
import io.neuroedge.events.prophesee.Evt2Reader;
import io.neuroedge.events.prophesee.Evt3Reader;
import io.neuroedge.runtime.input.EventSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decoding throughput of the event-file readers on real recordings held in memory.
 *
 * <p>One operation decodes the whole in-memory input ({@link ByteArrayInputStream}) into a sink
 * that counts the events and folds them into a checksum (so the JIT cannot drop the decoded
 * fields); both are consumed by the blackhole. The time per operation is reported in ns/op, and
 * the event count of the input is printed by the setup ({@code events per op: N}), so
 * <pre>M events/s = events per op / (ns/op) * 1e3</pre>
 * {@code @OperationsPerInvocation} does not apply because the count differs per format. The JMH
 * fork runs one benchmark thread, so this is single-core throughput.
 *
 * <p>Inputs are read from {@code -Dneuroedge.shared=DIR} (default {@code ../shared}); the setup
 * fails with the missing path if a file is absent:
 * <ul>
 *   <li>{@code nmnist}: the first 100 {@code dvs/nmnist/train/*.bs2} files (by number), each read
 *       separately within one operation;</li>
 *   <li>{@code evt3}: {@code dvs/prophesee/evt3_gen41_pedestrians_cut.raw} (5,000 events);</li>
 *   <li>{@code evt3x100}: a synthetic EVT 3.0 stream, the same header followed by the event words
 *       of that file (from its first TIME_HIGH on) repeated 100 times; time keeps increasing
 *       across copies through the reader's wrap detection;</li>
 *   <li>{@code evt2}: {@code dvs/prophesee/evt2_gen3_sparklers_cut.raw};</li>
 *   <li>{@code dat}: {@code dvs/prophesee/ncars_obj_004397_td.dat};</li>
 *   <li>{@code aedat4}: {@code dvs/aedat4/davis346_aestream.aedat4} (LZ4 packets, decompression
 *       included).</li>
 * </ul>
 * Pass the directory to the fork with {@code -jvmArgsAppend -Dneuroedge.shared=/path}; a
 * {@code -D} before {@code -jar} is forwarded too, as JMH copies the host JVM's input arguments.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class DecoderBenchmark {

    /** System property naming the shared data directory. */
    public static final String SHARED_PROPERTY = "neuroedge.shared";
    private static final int NMNIST_FILES = 100;
    private static final int EVT3_COPIES = 100;
    private static final int EVT3_TIME_HIGH = 0x8;

    @Param({"nmnist", "evt3", "evt3x100", "evt2", "dat", "aedat4"})
    public String format;

    private final NMnistReader nmnist = new NMnistReader();
    private final Evt3Reader evt3 = new Evt3Reader();
    private final Evt2Reader evt2 = new Evt2Reader();
    private final DatReader dat = new DatReader();
    private final Aedat4Reader aedat4 = new Aedat4Reader();

    /** The inputs of one operation: one array per recording. */
    private byte[][] inputs;
    private final CountingSink sink = new CountingSink();
    /** Events delivered per operation, found in the setup. */
    private long eventsPerOp;

    /** Counts events and folds them into a checksum. */
    static final class CountingSink implements EventSink {
        long count;
        long checksum;

        @Override
        public void event(int x, int y, int polarity, long timeUs) {
            count++;
            checksum += timeUs ^ (x | (long) y << 16 | (long) polarity << 32);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shared = Path.of(System.getProperty(SHARED_PROPERTY, "../shared")).toAbsolutePath();
        inputs = switch (format) {
            case "nmnist" -> nmnistInputs(shared.resolve("dvs/nmnist/train"));
            case "evt3" -> new byte[][] {load(shared, "dvs/prophesee/evt3_gen41_pedestrians_cut.raw")};
            case "evt3x100" -> new byte[][] {
                repeatEvt3(load(shared, "dvs/prophesee/evt3_gen41_pedestrians_cut.raw"), EVT3_COPIES)};
            case "evt2" -> new byte[][] {load(shared, "dvs/prophesee/evt2_gen3_sparklers_cut.raw")};
            case "dat" -> new byte[][] {load(shared, "dvs/prophesee/ncars_obj_004397_td.dat")};
            case "aedat4" -> new byte[][] {load(shared, "dvs/aedat4/davis346_aestream.aedat4")};
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
        long bytes = 0;
        for (byte[] input : inputs) {
            bytes += input.length;
        }
        eventsPerOp = decodeAll();
        if (eventsPerOp <= 0) {
            throw new IllegalStateException(format + ": decoded no events");
        }
        System.out.println("format " + format + ": " + inputs.length + " recording(s), " + bytes
                + " bytes, events per op: " + eventsPerOp);
    }

    @Benchmark
    public void decode(Blackhole bh) throws IOException {
        bh.consume(decodeAll());
        bh.consume(sink.checksum);
    }

    private long decodeAll() throws IOException {
        sink.count = 0;
        for (byte[] input : inputs) {
            ByteArrayInputStream in = new ByteArrayInputStream(input);
            switch (format) {
                case "nmnist" -> nmnist.read(in, format, sink);
                case "evt3", "evt3x100" -> evt3.read(in, format, sink);
                case "evt2" -> evt2.read(in, format, sink);
                case "dat" -> dat.read(in, format, sink);
                case "aedat4" -> aedat4.read(in, format, sink);
                default -> throw new IllegalArgumentException("unknown format " + format);
            }
        }
        return sink.count;
    }

    private static byte[] load(Path shared, String relative) throws IOException {
        Path file = shared.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("DecoderBenchmark input " + file + " not found; set -D"
                    + SHARED_PROPERTY + "=<shared dir> (passed to the fork, e.g. with -jvmArgsAppend)");
        }
        return Files.readAllBytes(file);
    }

    private static byte[][] nmnistInputs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("DecoderBenchmark input directory " + dir
                    + " not found; set -D" + SHARED_PROPERTY + "=<shared dir>");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("\\d+\\.bs2"))
                    .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(
                            p.getFileName().toString().replace(".bs2", ""))))
                    .limit(NMNIST_FILES)
                    .toList();
        }
        if (files.size() < NMNIST_FILES) {
            throw new IllegalStateException("DecoderBenchmark needs " + NMNIST_FILES
                    + " N-MNIST .bs2 files in " + dir + ", found " + files.size());
        }
        byte[][] out = new byte[files.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Files.readAllBytes(files.get(i));
        }
        return out;
    }

    /**
     * The header of {@code raw} followed by {@code copies} copies of its event words from the first
     * TIME_HIGH word on.
     */
    static byte[] repeatEvt3(byte[] raw, int copies) {
        int data = 0;
        while (data + 1 < raw.length && raw[data] == '%' && raw[data + 1] == ' ') {
            int lineStart = data;                               // header lines start with "% "
            while (data < raw.length && raw[data] != '\n') {
                data++;
            }
            data++;
            String line = new String(raw, lineStart + 2, data - lineStart - 3,
                    StandardCharsets.US_ASCII).strip();
            if (line.equals("end")) {
                break;
            }
        }
        int first = data;
        while (first + 1 < raw.length && ((raw[first + 1] & 0xFF) >>> 4) != EVT3_TIME_HIGH) {
            first += 2;
        }
        if (first + 1 >= raw.length) {
            throw new IllegalStateException("EVT 3.0 input has no TIME_HIGH word");
        }
        int end = data + (raw.length - data) / 2 * 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data + copies * (end - first));
        out.write(raw, 0, data);
        for (int c = 0; c < copies; c++) {
            out.write(raw, first, end - first);
        }
        return out.toByteArray();
    }
}
