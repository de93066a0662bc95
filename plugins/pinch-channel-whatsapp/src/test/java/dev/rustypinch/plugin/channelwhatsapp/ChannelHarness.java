package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** One end-to-end test's channel, bridges, events and replying sink; closes them all. */
final class ChannelHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final BridgeTimings TIMINGS = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(3));

    final RecordingEvents events = new RecordingEvents();
    final ReplyingSink sink = new ReplyingSink();
    private final List<AutoCloseable> resources = new ArrayList<>();

    FakeBridge bridge() {
        return track(FakeBridge.start());
    }

    FakeBridge bridgeOn(int port) {
        return track(FakeBridge.start(port));
    }

    private FakeBridge track(FakeBridge bridge) {
        resources.add(bridge);
        return bridge;
    }

    /** Starts a channel on {@code bridge} with RECONNECT_MS 250 plus the given key/value settings. */
    WhatsAppChannel start(FakeBridge bridge, BridgeTimings timings, String... settings) {
        return start(bridge.uri().toString(), timings, settings);
    }

    WhatsAppChannel start(String url, BridgeTimings timings, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", url);
        values.put("RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "250");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        WhatsAppChannel channel = new WhatsAppChannelFactory().create(TestContext.of(values, events), timings,
                Optional.empty(), () -> ThreadLocalRandom.current().nextDouble());
        resources.add(channel);
        sink.bind(channel);
        channel.start(sink);
        return channel;
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void assertNoChannelThreadsWithin(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> alive = channelThreads();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = channelThreads();
        }
        assertEquals(List.of(), alive);
    }

    private static List<String> channelThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(name -> name.startsWith("whatsapp-")).toList();
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                throw new AssertionError("could not close " + resources.get(i), e);
            }
        }
        sink.close();
    }
}
