package io.neuroedge.host.agent;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How {@code flash}, {@code stream} and {@code watch} reach an agent (a picocli mixin). */
public final class ConnectionOptions {

    @Option(names = "--agent", required = true, paramLabel = "HOST:PORT", description = "The device agent.")
    String agent;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the agent's shared token.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Host certificate chain for mutual TLS.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Host private key (PKCS#8).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "CA that signed the agent's certificate.")
    Path tlsCa;

    public AgentAddress address() {
        return AgentAddress.parse(agent);
    }

    /** Options without subscription or lossless mode; callers add those. */
    public ClientOptions options() throws IOException {
        ClientOptions o = ClientOptions.plain();
        if (tokenFile != null) {
            o = o.withToken(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
        }
        if (tlsCert != null || tlsKey != null || tlsCa != null) {
            if (tlsCert == null || tlsKey == null || tlsCa == null) {
                throw new IllegalArgumentException("mutual TLS needs all of --tls-cert, --tls-key and --tls-ca");
            }
            o = o.withTls(tlsCert, tlsKey, tlsCa);
        }
        return o;
    }

    public AgentClient connect(boolean subscribe, boolean lossless) throws IOException, InterruptedException {
        return AgentClient.connect(address(), options().withSubscribe(subscribe).withLossless(lossless));
    }
}
