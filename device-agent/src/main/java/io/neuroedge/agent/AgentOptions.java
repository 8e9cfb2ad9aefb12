package io.neuroedge.agent;

import io.neuroedge.agent.gpio.ClassIndicator;
import io.neuroedge.agent.gpio.GpioMap;
import io.neuroedge.agent.gpio.GpioPort;
import io.neuroedge.agent.gpio.LoggingGpioPort;
import io.neuroedge.agent.gpio.Pi4jGpioPort;
import io.neuroedge.agent.learn.LearningFactory;
import io.neuroedge.agent.learn.StopLearning;
import io.neuroedge.runtime.ondevice.DeviceLearner;
import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.agent.server.AgentServer;
import io.neuroedge.runtime.simd.KernelProviders;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The agent's command-line options, shared by the device jar's {@link AgentMain} and the
 * {@code neuroedge agent} command (a picocli mixin), and the start-up they drive.
 */
public final class AgentOptions {

    /** Which GPIO implementation drives {@code --gpio}. */
    public enum GpioDriver { AUTO, GPIOD, LINUXFS, LOG }

    @Option(names = "--port", defaultValue = "7878", paramLabel = "P", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Interface to listen on (default: loopback). Any other address requires --tls-* or --token-file.")
    String bind;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Program store folder (created if missing).")
    Path dataDir;

    @Option(names = "--gpio", paramLabel = "MAP",
            description = "Class-to-pin map for decision outputs: 17,27,22 (class 0,1,2) or 0:17,3:22.")
    String gpio;

    @Option(names = "--gpio-driver", defaultValue = "AUTO", paramLabel = "D",
            description = "GPIO implementation: AUTO (Pi4J gpiod on a Raspberry Pi, logging elsewhere), GPIOD, LINUXFS, LOG.")
    GpioDriver gpioDriver;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Agent certificate chain (mutual TLS 1.3).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Agent private key (PKCS#8).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "CA that signs the hosts' client certificates.")
    Path tlsCa;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the shared token hosts must present (kept out of the process list).")
    Path tokenFile;

    @Option(names = "--max-frame", defaultValue = "1048576", paramLabel = "BYTES", description = "Largest accepted frame (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = "--queue", defaultValue = "256", paramLabel = "BATCHES",
            description = "Event batches each connection may have waiting for the engine (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--window-steps", defaultValue = "0", paramLabel = "N",
            description = "Also close a window (result + state reset) every N time steps; 0: only when the host marks it (default).")
    int windowSteps;

    @Option(names = "--learning-rate", defaultValue = "0.001", paramLabel = "RATE",
            description = "On-device STOP: weight step per window (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--threshold-rate", defaultValue = "0.0004", paramLabel = "RATE",
            description = "On-device STOP: threshold step per window; 0 keeps thresholds (default: ${DEFAULT-VALUE}).")
    double thresholdRate;

    @Option(names = "--telemetry-ms", defaultValue = "1000", paramLabel = "MS", description = "Telemetry period to subscribers; 0 disables.")
    int telemetryMs;

    @Option(names = "--transport", defaultValue = "AUTO", paramLabel = "T",
            description = "Socket transport: AUTO (epoll on Linux, NIO elsewhere), EPOLL or NIO.")
    AgentConfig.Transport transport;

    /**
     * One line per log record ("2026-11-22 23:41:07 INFO agent listening on ..."), for journald;
     * call before the first logger is created. Keeps a format given with -D.
     */
    public static void oneLineLogs() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
    }

    /** The configuration these options describe. */
    public AgentConfig config() throws IOException {
        AgentConfig.Tls tls = null;
        if (tlsCert != null || tlsKey != null || tlsCa != null) {
            if (tlsCert == null || tlsKey == null || tlsCa == null) {
                throw new IllegalArgumentException("mutual TLS needs all of --tls-cert, --tls-key and --tls-ca");
            }
            tls = new AgentConfig.Tls(tlsCert, tlsKey, tlsCa);
        }
        String token = tokenFile == null ? null : Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        return new AgentConfig(bind, port, dataDir, maxFrame, queue, windowSteps, telemetryMs, token, tls, transport);
    }

    /** The decision outputs for {@code --gpio}. */
    public ClassIndicator indicator() throws IOException {
        if (gpio == null) {
            return ClassIndicator.NONE;
        }
        GpioMap map = GpioMap.parse(gpio);
        GpioDriver driver = gpioDriver == GpioDriver.AUTO ? (isRaspberryPi() ? GpioDriver.GPIOD : GpioDriver.LOG) : gpioDriver;
        GpioPort port = switch (driver) {
            case GPIOD -> Pi4jGpioPort.onBoard(Pi4jGpioPort.Provider.GPIOD);
            case LINUXFS -> Pi4jGpioPort.onBoard(Pi4jGpioPort.Provider.LINUXFS);
            case LOG, AUTO -> new LoggingGpioPort();
        };
        return ClassIndicator.gpio(port, map);
    }

    private static boolean isRaspberryPi() {
        try {
            Path model = Path.of("/proc/device-tree/model");
            return Files.isReadable(model) && Files.readString(model, StandardCharsets.ISO_8859_1).contains("Raspberry Pi");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The learner factory of this agent: on-device STOP for programs compiled from trained models
     * (their dense classifier learns); other programs answer {@code LearnControl} with
     * {@code Error{UNSUPPORTED}} and the reason.
     */
    public LearningFactory learning() {
        return StopLearning.factory(new DeviceLearner.Options(learningRate, thresholdRate, 1, 1));
    }

    /** Starts the agent and serves until the process is stopped (SIGTERM from systemd, Ctrl-C). */
    public int runUntilStopped(PrintWriter out) throws IOException, InterruptedException {
        AgentServer server = new AgentServer(config(), KernelProviders.get(), learning(), indicator());
        CountDownLatch stopped = new CountDownLatch(1);
        InetSocketAddress bound = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "neuroedge-agent-shutdown"));
        var active = server.engine().active();
        out.println("neuroedge agent on " + bound.getHostString() + ":" + bound.getPort() + " (" + server.transport()
                + "), data " + dataDir + ", program: "
                + (active == null ? "none" : active.getName() + " v" + active.getVersion()));
        out.flush();
        server.awaitClose();
        stopped.await();
        return 0;
    }
}
