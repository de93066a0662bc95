package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channel's connection handling against a real websocket bridge on 127.0.0.1: reconnects, back-off, keepalive, limits. */
class WhatsAppChannelReconnectTest {
    private final ChannelHarness harness = new ChannelHarness();

    @AfterEach
    void closeEverything() {
        harness.close();
    }

    @Test
    void bridgeCloseIsReportedAndFollowedByAReconnect() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);

        bridge.awaitPeer(0).close(1012, "restart");

        harness.events.awaitCount("channel_connected", 2, ChannelHarness.WAIT);
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"bridge closed connection: code=1012 reason=restart\",\"event\":\"channel_read_error\"}",
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), harness.events.lines());
        long gap = harness.events.named("channel_connected").get(1).nanos() - harness.events.named("channel_read_error").get(0).nanos();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(250), "reconnected after only " + gap + " ns");
    }

    @Test
    void everyMessageIsAnsweredExactlyOnceAcrossBridgeRestarts() throws Exception {
        FakeBridge bridge = harness.bridge();
        int total = 6;
        int perConnection = 2;
        List<String> answered = new CopyOnWriteArrayList<>();
        AtomicInteger repliesOnConnection = new AtomicInteger();
        bridge.onOpen = peer -> {
            repliesOnConnection.set(0);
            if (!answered.isEmpty()) {
                peer.send(message(answered.size()));
            }
            peer.send(message(answered.size() + 1));
        };
        bridge.onText = (peer, frame) -> {
            answered.add(frame);
            if (answered.size() == total) {
                return;
            }
            if (repliesOnConnection.incrementAndGet() == perConnection) {
                peer.close(1001, "bridge restarting");
            } else if (answered.size() < total) {
                peer.send(message(answered.size() + 1));
            }
        };
        harness.start(bridge, ChannelHarness.TIMINGS);

        harness.events.await("all answered", recorded -> answered.size() >= total, ChannelHarness.WAIT);
        Thread.sleep(100);

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            expected.add("{\"content\":\"echo:message " + n + "\",\"to\":\"u\",\"type\":\"message\"}");
        }
        assertEquals(expected, answered);
        assertEquals(3, bridge.peers.size());
        assertEquals(2, harness.events.linesNamed("channel_read_error").size());
    }

    private static String message(int n) {
        return "{\"type\":\"message\",\"id\":\"id-" + n + "\",\"from\":\"u\",\"content\":\"message " + n + "\"}";
    }

    @Test
    void replyWaitsForTheReconnection() throws Exception {
        FakeBridge bridge = harness.bridge();
        bridge.onOpen = peer -> {
            if (bridge.peers.size() == 1) {
                peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"hello\"}");
                peer.close(1012, "restart");
            }
        };
        harness.sink.reply = message -> {
            harness.events.awaitCount("channel_read_error", 1, ChannelHarness.WAIT);
            return "after reconnect";
        };
        harness.start(bridge, ChannelHarness.TIMINGS);

        assertEquals("{\"content\":\"after reconnect\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
        assertEquals(2, bridge.peers.size());
        assertTrue(harness.events.linesNamed("channel_send_error").isEmpty());
    }

    @Test
    void bridgeDownAtStartIsRetriedWithGrowingDelaysUntilItComes() throws Exception {
        int port = ChannelHarness.unusedPort();
        harness.start("ws://127.0.0.1:" + port + "/bridge", ChannelHarness.TIMINGS);

        harness.events.awaitCount("channel_connect_error", 3, ChannelHarness.WAIT);
        FakeBridge bridge = harness.bridgeOn(port);

        harness.events.awaitCount("channel_connected", 1, ChannelHarness.WAIT);
        List<RecordingEvents.Event> failures = harness.events.named("channel_connect_error");
        assertTrue(failures.get(0).line().startsWith(
                "{\"channel\":\"whatsapp\",\"error\":\"websocket connect failed: "), failures.get(0).line());
        assertTrue(failures.get(1).nanos() - failures.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(250));
        assertTrue(failures.get(2).nanos() - failures.get(1).nanos() >= TimeUnit.MILLISECONDS.toNanos(500));
        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"back\"}");
        assertEquals("{\"content\":\"echo:back\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void rejectedAuthIsAReadErrorFollowedByBackoff() throws Exception {
        FakeBridge bridge = harness.bridge();
        bridge.onText = (peer, frame) -> {
            if (frame.contains("\"type\":\"auth\"")) {
                peer.close(4003, "invalid token");
            }
        };
        harness.start(bridge, ChannelHarness.TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "wrong");

        harness.events.awaitCount("channel_read_error", 2, ChannelHarness.WAIT);

        assertEquals("{\"channel\":\"whatsapp\",\"error\":\"bridge closed connection: code=4003 reason=invalid token\","
                + "\"event\":\"channel_read_error\"}", harness.events.linesNamed("channel_read_error").get(0));
        List<RecordingEvents.Event> connects = harness.events.named("channel_connected");
        List<RecordingEvents.Event> errors = harness.events.named("channel_read_error");
        assertTrue(connects.get(1).nanos() - errors.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(250));
        assertTrue(connects.get(2 - 1).nanos() < errors.get(1).nanos());
    }

    @Test
    void silentBridgeTimesOutAndIsReconnected() throws Exception {
        FakeBridge bridge = harness.bridge();
        bridge.silent = true;
        BridgeTimings timings = new BridgeTimings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        harness.start(bridge, timings);

        harness.events.awaitCount("channel_connected", 2, ChannelHarness.WAIT);

        assertEquals("{\"channel\":\"whatsapp\",\"error\":\"keepalive timeout\",\"event\":\"channel_read_error\"}",
                harness.events.linesNamed("channel_read_error").get(0));
        assertTrue(bridge.pings.get() >= 1, "no Ping reached the bridge");
    }

    @Test
    void pongsKeepTheConnectionAlive() throws Exception {
        FakeBridge bridge = harness.bridge();
        BridgeTimings timings = new BridgeTimings(Duration.ofMillis(50), Duration.ofMillis(600), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        harness.start(bridge, timings);
        bridge.awaitPeer(0);

        Thread.sleep(1500);

        assertTrue(harness.events.linesNamed("channel_read_error").isEmpty(), harness.events.lines().toString());
        assertEquals(1, bridge.peers.size());
        assertTrue(bridge.pings.get() >= 5, "only " + bridge.pings.get() + " Pings");
    }

    @Test
    void hungHandshakeIsAConnectTimeout() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            BridgeTimings timings = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90),
                    Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(3));
            harness.start("ws://127.0.0.1:" + mute.getLocalPort() + "/bridge", timings);

            harness.events.awaitCount("channel_connect_error", 1, ChannelHarness.WAIT);

            assertEquals("{\"channel\":\"whatsapp\",\"error\":\"websocket connect timed out after 300 ms\","
                    + "\"event\":\"channel_connect_error\"}", harness.events.linesNamed("channel_connect_error").get(0));
        }
    }

    @Test
    void stopInterruptsAReconnectWait() throws Exception {
        int port = ChannelHarness.unusedPort();
        WhatsAppChannel channel = harness.start("ws://127.0.0.1:" + port + "/bridge", ChannelHarness.TIMINGS,
                "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "600000");
        harness.events.awaitCount("channel_connect_error", 1, ChannelHarness.WAIT);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            channel.stopReceiving();
            channel.close();
        });

        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
        assertEquals(1, harness.events.named("channel_connect_error").size());
    }

    @Test
    void sendThatTimesOutIsASendErrorFollowedByAReconnect() throws Exception {
        FakeBridge bridge = harness.bridge();
        bridge.stalled = true;
        BridgeTimings timings = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofMillis(500));
        WhatsAppChannel channel = harness.start(bridge, timings);
        harness.events.awaitCount("channel_connected", 1, ChannelHarness.WAIT);
        bridge.stalled = false;
        String huge = "z".repeat(8 * 1024 * 1024);

        channel.send(new OutboundMessage("u", huge,
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"websocket send timed out after 500 ms\","
                + "\"event\":\"channel_send_error\"}"), harness.events.linesNamed("channel_send_error"));
        harness.events.awaitCount("channel_connected", 2, ChannelHarness.WAIT);
        assertTrue(harness.events.linesNamed("channel_read_error").isEmpty(), harness.events.lines().toString());
    }
}
