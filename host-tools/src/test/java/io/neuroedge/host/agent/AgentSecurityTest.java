package io.neuroedge.host.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.neuroedge.agent.server.AgentConfig;
import io.neuroedge.agent.server.AgentServer;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Error;
import io.neuroedge.proto.agent.Hello;
import io.neuroedge.runtime.bench.StandardNetworks;
import io.neuroedge.runtime.program.SpikePrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** Bind rules, shared-token authentication and mutual TLS on a real loopback agent. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentSecurityTest {

    private static final String TOKEN = "s3cret-token-of-enough-length";

    @TempDir
    Path dir;

    @Test
    void shouldBindLoopbackByDefaultAndRefuseOtherInterfacesWithoutAuthentication() throws Exception {
        AgentConfig config = AgentConfig.loopback(0, dir.resolve("data"));
        assertEquals("127.0.0.1", config.bindAddress());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AgentServer(config.withBind("0.0.0.0")).start());
        assertTrue(e.getMessage().contains("requires mutual TLS"), e.getMessage());
        // a token satisfies the rule (the server is not started: these tests only ever listen on loopback)
        config.withBind("0.0.0.0").withToken(TOKEN).checkSecurity();
        assertThrows(IllegalArgumentException.class, () -> config.withToken("short"));
    }

    @Test
    void shouldCloseAPeerWithoutTheTokenBeforeProcessingAnything() throws Exception {
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir.resolve("data")).withToken(TOKEN))) {
            AgentRequestException e = assertThrows(AgentRequestException.class,
                    () -> agent.connect(ClientOptions.plain()));
            assertEquals(Error.Code.UNAUTHENTICATED, e.code());
            e = assertThrows(AgentRequestException.class, () -> agent.connect(ClientOptions.plain().withToken(TOKEN + "x")));
            assertEquals(Error.Code.UNAUTHENTICATED, e.code());

            // a deploy sent before any Hello is never processed
            try (RawPeer raw = new RawPeer(agent.address)) {
                byte[] program = SpikePrograms.seal(StandardNetworks.nmnistConvBody(1)).toByteArray();
                raw.sendFrame(Envelope.newBuilder().setProtocolVersion(1).setRequestId(5)
                        .setDeploy(io.neuroedge.proto.agent.Deploy.newBuilder().setBegin(
                                io.neuroedge.proto.agent.Deploy.Begin.newBuilder().setName("x").setTotalSize(program.length)
                                        .setSha256(com.google.protobuf.ByteString.copyFrom(SpikePrograms.sha256(program)))))
                        .build().toByteArray());
                Envelope answer = raw.read();
                assertEquals(Error.Code.UNAUTHENTICATED, answer.getError().getCode());
                assertEquals(5, answer.getRequestId());
                assertTrue(raw.closedByAgent());
            }
            try (AgentClient ok = agent.connect(ClientOptions.plain().withToken(TOKEN))) {
                assertTrue(Flasher.versions(ok).isEmpty(), "nothing was stored by the unauthenticated peer");
                assertEquals(0, Files.list(dir.resolve("data/staging")).filter(p -> p.toString().endsWith(".part")).count());
            }
        }
    }

    @Test
    void shouldRequireAClientCertificateSignedByTheConfiguredCa() throws Exception {
        Instant now = Instant.now();
        CertificateBuilder base = new CertificateBuilder().ecp256()
                .notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(1, ChronoUnit.DAYS));
        X509Bundle ca = base.copy().subject("CN=neuroedge test CA").setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle agentCert = base.copy().subject("CN=agent").addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        X509Bundle hostCert = base.copy().subject("CN=host").addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        X509Bundle otherCa = base.copy().subject("CN=other CA").setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle stranger = base.copy().subject("CN=stranger").addExtendedKeyUsageClientAuth().buildIssuedBy(otherCa);

        Path caPem = write("ca.pem", ca.getCertificatePEM());
        AgentConfig.Tls tls = new AgentConfig.Tls(write("agent.pem", agentCert.getCertificatePathPEM()),
                write("agent.key", agentCert.getPrivateKeyPEM()), caPem);
        try (LoopbackAgent agent = new LoopbackAgent(AgentConfig.loopback(0, dir.resolve("data")).withTls(tls))) {
            ClientOptions trusted = ClientOptions.plain().withTls(write("host.pem", hostCert.getCertificatePathPEM()),
                    write("host.key", hostCert.getPrivateKeyPEM()), caPem);
            try (AgentClient client = agent.connect(trusted)) {
                Hello hello = client.agentHello();
                assertTrue(hello.getBoard().getCores() > 0);
                assertTrue(Flasher.versions(client).isEmpty());
            }
            ClientOptions untrusted = ClientOptions.plain().withTls(write("stranger.pem", stranger.getCertificatePathPEM()),
                    write("stranger.key", stranger.getPrivateKeyPEM()), caPem);
            assertThrows(IOException.class, () -> agent.connect(untrusted), "client certificate from another CA");
            assertThrows(IOException.class, () -> agent.connect(ClientOptions.plain()), "plain TCP to a TLS agent");
        }
    }

    private Path write(String name, String pem) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, pem);
        return p;
    }
}
