package io.neuroedge.host.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.neuroedge.agent.protocol.EventBatchCodec;
import io.neuroedge.agent.protocol.ProtocolGuard;
import io.neuroedge.proto.agent.Envelope;
import io.neuroedge.proto.agent.Telemetry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Loopback load generator for the agent's ingest and latency figures (not a unit test: run it by
 * hand, it stops by itself after {@code --seconds}).
 *
 * <pre>
 * java -cp host-tools/target/neuroedge.jar io.neuroedge.host.agent.LoadGenerator --agent 127.0.0.1:7878 \
 *     [--program cnn.nsp] [--clients 1] [--seconds 10] [--rate 0|EVENTS_PER_S] [--density EVENTS_PER_MS]
 *     [--batch EVENTS] [--window-ms MS] [--lossy]
 * </pre>
 *
 * Each client pre-encodes one window of synthetic 34x34 DVS events ({@code density} events per
 * millisecond of event time, {@code window-ms} long, the last batch closing the window) as frames
 * and sends them again and again: at {@code --rate 0} as fast as the agent reads (lossless clients
 * are pushed back by TCP instead of dropped), otherwise paced so that all clients together send
 * {@code rate} events per wall-clock second. The agent's own counters (a Telemetry request on a
 * separate connection) give the accepted and dropped events; results give the latency: the
 * agent's (last event of a window to its decision) and the host's round trip (closing batch sent
 * to result received, one client only).
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        AgentAddress address = null;
        Path program = null;
        int clients = 1;
        double seconds = 10;
        double rate = 0;
        int density = 1000;
        int batch = 0;
        int windowMs = 100;
        boolean lossy = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent" -> address = AgentAddress.parse(args[++i]);
                case "--program" -> program = Path.of(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--density" -> density = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--window-ms" -> windowMs = Integer.parseInt(args[++i]);
                case "--lossy" -> lossy = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("--agent HOST:PORT is required");
        }
        if (batch == 0) {
            batch = Math.max(1, Math.min(8192, density)); // one millisecond of events
        }
        if (seconds <= 0 || seconds > 600 || clients < 1 || clients > 64) {
            throw new IllegalArgumentException("--seconds must be in (0, 600] and --clients in 1..64");
        }
        run(address, program, clients, seconds, rate, density, batch, windowMs, lossy);
    }

    private static void run(AgentAddress address, Path program, int clients, double seconds, double rate, int density,
                            int batch, int windowMs, boolean lossy) throws Exception {
        EventLoopGroup group = AgentClient.newGroup(1);
        try (AgentClient control = AgentClient.connect(address, ClientOptions.plain(), group)) {
            if (program != null) {
                var ref = Flasher.flash(control, Flasher.nameOf(program.getFileName().toString()), Files.readAllBytes(program));
                System.out.println("flashed " + ref.getName() + " v" + ref.getVersion());
            }
            List<ByteBuf> frames = window(density, batch, windowMs, 42);
            long eventsPerWindow = (long) density * windowMs;
            List<AgentClient> senders = new ArrayList<>();
            ConcurrentLinkedQueue<Long> closeSent = new ConcurrentLinkedQueue<>();
            LongAdder agentLatency = new LongAdder();
            List<Long> agentLat = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Long> roundTrip = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < clients; c++) {
                AgentClient s = AgentClient.connect(address, ClientOptions.plain().withLossless(!lossy)
                        .withSubscribe(c == 0), group);
                if (c == 0) {
                    s.onResult((id, r) -> {
                        Long sent = clients == 1 ? closeSent.poll() : null;
                        if (sent != null) {
                            roundTrip.add((System.nanoTime() - sent) / 1000);
                        }
                        agentLat.add((long) r.getLatencyUs());
                        agentLatency.increment();
                    });
                }
                senders.add(s);
            }
            Telemetry before = telemetry(control);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            double perClientRate = rate / clients;
            List<Thread> threads = new ArrayList<>();
            LongAdder sentEvents = new LongAdder();
            for (int c = 0; c < clients; c++) {
                AgentClient s = senders.get(c);
                boolean timed = c == 0 && clients == 1;
                Thread t = new Thread(() -> send(s, frames, batch, density, windowMs, perClientRate, start, end,
                        timed ? closeSent : null, sentEvents), "load-" + c);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long sendEnd = System.nanoTime();
            // let the engine drain what is queued, then read the counters
            Telemetry after = telemetry(control);
            for (int i = 0; i < 200 && after.getQueueDepth() > 0; i++) {
                Thread.sleep(10);
                after = telemetry(control);
            }
            double wall = (sendEnd - start) / 1e9;
            long in = after.getEventsIn() - before.getEventsIn();
            long dropped = after.getEventsDropped() - before.getEventsDropped();
            System.out.printf(Locale.ROOT, "clients %d, %s, density %d events/ms, batch %d events, window %d ms (%d events)%n",
                    clients, rate > 0 ? String.format(Locale.ROOT, "paced %.0f events/s", rate) : "max speed", density,
                    batch, windowMs, eventsPerWindow);
            System.out.printf(Locale.ROOT, "sent      %,d events in %.2f s = %,.0f events/s%n", sentEvents.sum(), wall,
                    sentEvents.sum() / wall);
            System.out.printf(Locale.ROOT, "accepted  %,d events = %,.0f events/s; dropped %,d (%s)%n", in, in / wall, dropped,
                    lossy ? "lossy: full queues drop" : "lossless: full queues push back");
            System.out.printf(Locale.ROOT, "engine    %.0f steps/s (last telemetry period), agent cpu %.0f%%%n",
                    after.getStepsPerS(), after.getCpuPercent());
            long[] a = agentLat.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] r = roundTrip.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "results   %d windows; agent latency p50 %.3f ms p99 %.3f ms; host round trip p50 %.3f ms p99 %.3f ms%n",
                    agentLatency.sum(), pct(a, 0.5), pct(a, 0.99), pct(r, 0.5), pct(r, 0.99));
            for (AgentClient s : senders) {
                s.close();
            }
            frames.forEach(ByteBuf::release);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))] / 1000.0;
    }

    private static Telemetry telemetry(AgentClient c) throws Exception {
        return c.request(Envelope.newBuilder().setTelemetry(Telemetry.getDefaultInstance()), 10_000).getTelemetry();
    }

    private static void send(AgentClient s, List<ByteBuf> frames, int batch, int density, int windowMs, double rate,
                             long start, long end, ConcurrentLinkedQueue<Long> closeSent, LongAdder sent) {
        long events = 0;
        int eventsPerWindow = density * windowMs;
        try {
            outer:
            while (true) {
                int inWindow = 0;
                for (int i = 0; i < frames.size(); i++) {
                    int n = Math.min(batch, eventsPerWindow - inWindow);
                    if (rate > 0) {
                        long due = start + (long) (events / rate * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            s.flush();
                            LockSupport.parkNanos(wait);
                        }
                    }
                    if (System.nanoTime() >= end) {
                        break outer;
                    }
                    boolean close = i == frames.size() - 1;
                    if (close && closeSent != null) {
                        // stamped before sending: the result may arrive before this thread runs again
                        closeSent.add(System.nanoTime());
                    }
                    s.sendRaw(frames.get(i).retainedDuplicate());
                    if (close || rate > 0 || (i & 15) == 15) {
                        s.flush();
                    }
                    events += n;
                    inWindow += n;
                }
            }
        } catch (Exception e) {
            System.err.println("sender failed: " + e);
        } finally {
            s.flush();
            sent.add(events);
        }
    }

    /** One window of synthetic events as serialized envelopes; the last one closes the window. */
    static List<ByteBuf> window(int density, int batch, int windowMs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int total = density * windowMs;
        List<ByteBuf> frames = new ArrayList<>();
        long spanUs = 1000L * windowMs;
        EventBatchCodec.Packer packer = new EventBatchCodec.Packer(batch);
        for (int first = 0; first < total; first += batch) {
            int n = Math.min(batch, total - first);
            for (int i = 0; i < n; i++) {
                long t = (long) (first + i) * spanUs / total;
                int x = rnd.nextInt(34);
                int y = rnd.nextInt(34);
                packer.event(x, y, rnd.nextBoolean() ? 1 : 0, t);
            }
            byte[] body = Envelope.newBuilder().setProtocolVersion(ProtocolGuard.PROTOCOL_VERSION)
                    .setRequestId(first + n >= total ? 1 : 0)
                    .setEvents(packer.build(0, frames.size(), first + n >= total)).build().toByteArray();
            // the client pipeline's LengthFieldPrepender adds the length prefix
            ByteBuf frame = Unpooled.directBuffer(body.length).writeBytes(body);
            frames.add(frame);
        }
        return frames;
    }
}
