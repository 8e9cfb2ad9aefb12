package io.neuroedge.host.agent;

/**
 * {@code HOST:PORT} as given to {@code --agent}; {@code [::1]:PORT} for IPv6 literals.
 *
 * @param host name or address
 * @param port TCP port
 */
public record AgentAddress(String host, int port) {

    public static AgentAddress parse(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("--agent must be HOST:PORT, got '" + spec + "'");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--agent port is not a number: '" + spec + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--agent port must be 1..65535, got " + port);
        }
        return new AgentAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
