package io.neuroedge.host.agent;

import java.nio.file.Path;

/**
 * How a host connects to an agent.
 *
 * @param token     shared token for the Hello, or null
 * @param tlsCert   host certificate chain (PEM) for mutual TLS, or null for plain TCP
 * @param tlsKey    host private key (PKCS#8 PEM)
 * @param tlsCa     CA that signed the agent's certificate
 * @param subscribe receive every Result and the periodic Telemetry
 * @param lossless  ask the agent to push back instead of dropping when this connection's queue is full
 */
public record ClientOptions(String token, Path tlsCert, Path tlsKey, Path tlsCa, boolean subscribe, boolean lossless) {

    public static ClientOptions plain() {
        return new ClientOptions(null, null, null, null, false, false);
    }

    public ClientOptions withSubscribe(boolean s) {
        return new ClientOptions(token, tlsCert, tlsKey, tlsCa, s, lossless);
    }

    public ClientOptions withLossless(boolean l) {
        return new ClientOptions(token, tlsCert, tlsKey, tlsCa, subscribe, l);
    }

    public ClientOptions withToken(String t) {
        return new ClientOptions(t, tlsCert, tlsKey, tlsCa, subscribe, lossless);
    }

    public ClientOptions withTls(Path cert, Path key, Path ca) {
        return new ClientOptions(token, cert, key, ca, subscribe, lossless);
    }

    public boolean tls() {
        return tlsCert != null;
    }
}
