package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuroedge.compiler.lower.CompiledProgram;
import io.neuroedge.compiler.lower.NirCompiler;
import io.neuroedge.compiler.profile.CompileOptions;
import io.neuroedge.compiler.profile.Integrator;
import io.neuroedge.compiler.profile.Profile;
import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.runtime.testing.SharedTestData;
import io.neuroedge.host.cli.NeuroEdgeCli;
import io.neuroedge.host.eval.RecordingRunner;
import io.neuroedge.events.labels.LabelsCsv;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.ProgramRef;
import io.neuroedge.proto.agent.Telemetry;
import io.neuroedge.runtime.input.EventFilterSpec;
import io.neuroedge.runtime.input.PolarityFilter;
import io.neuroedge.runtime.program.ProgramBuilder;
import io.neuroedge.runtime.program.SpikePrograms;
import io.neuroedge.runtime.simd.KernelProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole journey on loopback: a real agent, the N-MNIST CNN compiled from NIR, flashed through
 * the protocol, real recordings streamed; the agent's classes must equal those of the same program
 * run locally through the runtime.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AgentEndToEndTest {

    static final int RECORDINGS = 40;

    @TempDir
    static Path dir;

    static byte[] program;
    static List<Path> files = new ArrayList<>();
    static List<Integer> labels = new ArrayList<>();
    static LoopbackAgent agent;

    @BeforeAll
    static void setUp() throws Exception {
        CompiledProgram p = new NirCompiler().compile(SharedTestData.resolve("nir/cnn/cnn_sinabs.nir"),
                new CompileOptions(1e-3, Profile.SINABS, Integrator.EULER, 15), "test");
        program = SpikePrograms.seal(p.body()).toByteArray();
        Path nmnist = SharedTestData.resolve("dvs/nmnist");
        for (LabelsCsv.Entry e : LabelsCsv.read(nmnist.resolve("labels.csv")).subList(0, RECORDINGS)) {
            files.add(nmnist.resolve(e.file()));
            labels.add(e.label());
        }
        agent = new LoopbackAgent(AgentConfig.loopback(0, dir.resolve("data")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        agent.close();
    }

    @Test
    void shouldClassifyStreamedRecordingsExactlyAsTheLocalRuntime() throws Exception {
        List<RecordingRunner.Outcome> local = new RecordingRunner(
                new io.neuroedge.runtime.program.ProgramLoader().load(program), KernelProviders.get(), false, 2).run(files);
        try (AgentClient client = agent.connect(ClientOptions.plain().withSubscribe(true).withLossless(true))) {
            ProgramRef active = Flasher.flash(client, "cnn", program);
            assertEquals("cnn", active.getName());
            RecordingStreamer.Summary s = new RecordingStreamer(client, 0).stream(files, 60_000);
            assertEquals(RECORDINGS, s.outcomes().size());
            int correct = 0;
            for (int i = 0; i < RECORDINGS; i++) {
                assertEquals(local.get(i).predicted(), s.outcomes().get(i).predicted(),
                        "recording " + files.get(i).getFileName() + ": agent and local runtime disagree");
                if (s.outcomes().get(i).predicted() == labels.get(i)) {
                    correct++;
                }
            }
            assertEquals(0, s.eventsDropped(), "a lossless stream drops nothing");
            assertTrue(correct >= RECORDINGS * 0.9, "accuracy " + correct + "/" + RECORDINGS);
            long events = 0;
            for (Path f : files) {
                events += io.neuroedge.events.EventFormats.open(f).readAll(f).size();
            }
            assertEquals(events, s.eventsSent());
        }
    }

    @Test
    void shouldFilterEventsOnTheAgentAsTheProgramSaysAndAsTheHostDoes() throws Exception {
        CompiledProgram p = new NirCompiler().compile(SharedTestData.resolve("nir/cnn/cnn_sinabs.nir"),
                new CompileOptions(1e-3, Profile.SINABS, Integrator.EULER, 15), "test");
        byte[] filtered = SpikePrograms.seal(ProgramBuilder.withEventFilters(p.body(),
                new EventFilterSpec(PolarityFilter.Mode.BOTH, 1000, 3000))).toByteArray();
        List<Path> some = files.subList(0, 10);
        List<RecordingRunner.Outcome> local = new RecordingRunner(
                new io.neuroedge.runtime.program.ProgramLoader().load(filtered), KernelProviders.get(), false, 2).run(some);
        long removedLocally = local.stream().mapToLong(RecordingRunner.Outcome::filteredEvents).sum();
        assertTrue(removedLocally > 0, "the filters remove events from these recordings");
        try (AgentClient client = agent.connect(ClientOptions.plain().withSubscribe(true).withLossless(true))) {
            Flasher.flash(client, "cnn-filtered", filtered);
            RecordingStreamer.Summary s = new RecordingStreamer(client, 0).stream(some, 60_000);
            for (int i = 0; i < some.size(); i++) {
                assertEquals(local.get(i).predicted(), s.outcomes().get(i).predicted(),
                        "recording " + some.get(i).getFileName() + ": agent and local runtime disagree");
            }
            Telemetry t = client.request(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()), 10_000)
                    .getTelemetry();
            assertEquals(removedLocally, t.getEventsFiltered());
        }
    }

    @Test
    void shouldReportTheStreamSummaryAsJsonFromTheCli() throws Exception {
        Path nsp = dir.resolve("cnn.nsp");
        Files.write(nsp, program);
        String flashed = run("flash", nsp.toString(), "--agent", agent.address.toString(), "--json");
        assertTrue(flashed.contains("\"name\": \"cnn\""), flashed);
        Path csv = dir.resolve("labels10.csv");
        List<String> rows = Files.readAllLines(SharedTestData.resolve("dvs/nmnist/labels.csv")).subList(0, 11);
        Files.write(csv, rows);
        Path png = dir.resolve("latency.png");
        String json = run("stream", SharedTestData.resolve("dvs/nmnist").toString(), "--labels", csv.toString(),
                "--agent", agent.address.toString(), "--speed", "max", "--json", "--plot", png.toString());
        assertEquals(900, javax.imageio.ImageIO.read(png.toFile()).getWidth(), "the latency histogram");
        assertTrue(json.startsWith("{\"recordings\": 10, \"accuracy\": "), json);
        assertTrue(json.contains("\"events_dropped\": 0"), json);
        assertTrue(json.contains("\"latency_ms_p50\": "), json);
        assertTrue(json.contains("\"latency_ms_p99\": "), json);
        assertTrue(json.contains("\"results_missing\": 0"), json);
        String listed = run("flash", "--list", "--agent", agent.address.toString());
        assertTrue(listed.contains("* cnn"), listed);
    }

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = NeuroEdgeCli.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(0, code, "exit code; stderr: " + err);
        return out.toString();
    }
}
