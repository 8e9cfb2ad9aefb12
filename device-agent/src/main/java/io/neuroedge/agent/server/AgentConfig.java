package io.neuroedge.agent.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything an agent needs to start.
 *
 * @param bindAddress      interface to listen on; loopback unless authentication is configured
 * @param port             TCP port, 0 for any free one
 * @param dataDir          program store folder
 * @param maxFrameBytes    largest accepted frame (length prefix included)
 * @param queueCapacity    event batches each connection may have waiting for the engine
 * @param windowSteps      close a window every this many steps; 0: only on {@code close_window}
 * @param telemetryMillis  period of the telemetry broadcast to subscribers; 0 disables it
 * @param token            shared secret a host must present in its Hello, or null
 * @param tls              mutual-TLS files, or null
 * @param transport        socket implementation
 */
public record AgentConfig(String bindAddress, int port, Path dataDir, int maxFrameBytes, int queueCapacity,
                          int windowSteps, int telemetryMillis, String token, Tls tls, Transport transport) {

    /** Netty transport: epoll where available (Linux) and NIO otherwise, or one forced. */
    public enum Transport { AUTO, EPOLL, NIO }

    public static final int DEFAULT_MAX_FRAME = 1 << 20;
    public static final int DEFAULT_QUEUE = 256;

    /** PEM files for mutual TLS 1.3: the agent's chain and key, and the CA that signs host certificates. */
    public record Tls(Path certChain, Path privateKey, Path trustedCa) {
        public Tls {
            Objects.requireNonNull(certChain, "certChain");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(trustedCa, "trustedCa");
        }
    }

    public AgentConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > (64 << 20)) {
            throw new IllegalArgumentException("max frame must be 1 KiB..64 MiB, got " + maxFrameBytes);
        }
        if (queueCapacity < 1 || queueCapacity > 65536) {
            throw new IllegalArgumentException("queue capacity must be 1..65536 batches, got " + queueCapacity);
        }
        if (windowSteps < 0 || telemetryMillis < 0) {
            throw new IllegalArgumentException("window steps and telemetry period must be >= 0");
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("the token must have at least 16 characters");
        }
    }

    /** Loopback, defaults for everything but port and data folder. */
    public static AgentConfig loopback(int port, Path dataDir) {
        return new AgentConfig("127.0.0.1", port, dataDir, DEFAULT_MAX_FRAME, DEFAULT_QUEUE, 0, 1000, null, null, Transport.AUTO);
    }

    public AgentConfig withToken(String t) {
        return new AgentConfig(bindAddress, port, dataDir, maxFrameBytes, queueCapacity, windowSteps, telemetryMillis, t, tls, transport);
    }

    public AgentConfig withTls(Tls t) {
        return new AgentConfig(bindAddress, port, dataDir, maxFrameBytes, queueCapacity, windowSteps, telemetryMillis, token, t, transport);
    }

    public AgentConfig withBind(String address) {
        return new AgentConfig(address, port, dataDir, maxFrameBytes, queueCapacity, windowSteps, telemetryMillis, token, tls, transport);
    }

    public AgentConfig withQueue(int capacity) {
        return new AgentConfig(bindAddress, port, dataDir, maxFrameBytes, capacity, windowSteps, telemetryMillis, token, tls, transport);
    }

    public AgentConfig withMaxFrame(int bytes) {
        return new AgentConfig(bindAddress, port, dataDir, bytes, queueCapacity, windowSteps, telemetryMillis, token, tls, transport);
    }

    public AgentConfig withTelemetryMillis(int millis) {
        return new AgentConfig(bindAddress, port, dataDir, maxFrameBytes, queueCapacity, windowSteps, millis, token, tls, transport);
    }

    public AgentConfig withTransport(Transport t) {
        return new AgentConfig(bindAddress, port, dataDir, maxFrameBytes, queueCapacity, windowSteps, telemetryMillis, token, tls, t);
    }

    /**
     * The security rule: listening on anything but loopback requires mutual TLS or a token.
     *
     * @throws IllegalArgumentException if the rule is broken or the address does not resolve
     */
    public void checkSecurity() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + bindAddress, e);
        }
        if (!address.isLoopbackAddress() && tls == null && token == null) {
            throw new IllegalArgumentException("binding " + bindAddress + " (not loopback) requires mutual TLS"
                    + " (--tls-cert, --tls-key, --tls-ca) or a shared token (--token-file)");
        }
    }

    /** Whether a Hello must carry the token (token configured; TLS alone authenticates by certificate). */
    public boolean requiresToken() {
        return token != null;
    }
}
