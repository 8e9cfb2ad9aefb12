package io.neuroedge.host.agent;

import io.neuroedge.proto.agent.Envelope;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** A plain blocking socket speaking raw bytes, to send what a correct client never would. */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(AgentAddress address) throws IOException {
        socket = new Socket(address.host(), address.port());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void sendFrame(byte[] body) throws IOException {
        sendRaw(lengthPrefix(body.length));
        sendRaw(body);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** The next envelope from the agent. */
    Envelope read() throws IOException {
        int n = in.readInt();
        byte[] body = new byte[n];
        in.readFully(body);
        return Envelope.parseFrom(body);
    }

    /** Whether the agent closed the connection (reads to end of stream within the socket timeout). */
    boolean closedByAgent() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
