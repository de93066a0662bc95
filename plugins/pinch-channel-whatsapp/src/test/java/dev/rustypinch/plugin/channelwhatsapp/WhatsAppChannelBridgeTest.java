package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channel end to end against a real websocket bridge on 127.0.0.1. */
class WhatsAppChannelBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BridgeTimings TIMINGS = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(3));

    private final RecordingEvents events = new RecordingEvents();
    private final ReplyingSink sink = new ReplyingSink();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        sink.close();
    }

    private FakeBridge bridge() {
        FakeBridge bridge = FakeBridge.start();
        resources.add(bridge);
        return bridge;
    }

    private WhatsAppChannel start(FakeBridge bridge, BridgeTimings timings, String... settings) {
        return start(bridge.uri().toString(), timings, settings);
    }

    private WhatsAppChannel start(String url, BridgeTimings timings, String... settings) {
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

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectionIsAnnounced() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);

        events.awaitCount("channel_connected", 1, WAIT);

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), events.lines());
        bridge.awaitPeer(0);
    }

    @Test
    void picoClawMessageIsAnsweredWithAMessageFrame() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"user-1\",\"chat\":\"room-9\",\"content\":\"  ping  \"}");

        assertEquals(new InboundMessage("whatsapp", "user-1", "room-9", "ping", Optional.of("m1")), sink.nextPublished());
        assertEquals("{\"content\":\"echo:ping\",\"to\":\"room-9\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void picoClawReplyGoesToTheSenderWhenThereIsNoChat() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"user-1\",\"content\":\"hi\"}");

        assertEquals("whatsapp:user-1", sink.nextPublished().sessionId());
        assertEquals("{\"content\":\"echo:hi\",\"to\":\"user-1\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void statusFrameIsSkippedAndTheNextMessageHandled() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"status\",\"content\":\"connected\"}");
        peer.send("{\"type\":\"message\",\"from\":\"user-1\",\"content\":\"after status\"}");

        assertEquals("after status", sink.nextPublished().text());
        assertTrue(sink.published.isEmpty());
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), events.lines());
    }

    @Test
    void badFramesAreReportedAndTheConnectionCarriesOn() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("junk");
        peer.send("[1,2]");
        peer.send("{\"type\":\"message\",\"from\":5,\"content\":\"hi\"}");
        peer.send("{\"type\":\"message\",\"content\":\"hi\"}");
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"  \"}");
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"still here\"}");

        assertEquals("still here", sink.nextPublished().text());
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge message is missing 'from'\",\"event\":\"channel_parse_error\"}"),
                events.linesNamed("channel_parse_error"));
        assertEquals(1, bridge.peers.size());
    }

    @Test
    void allowlistFiltersByChatEndToEnd() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "alice,room-7");
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-1\",\"content\":\"blocked\"}");
        peer.send("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-7\",\"content\":\"allowed\"}");

        assertEquals("allowed", sink.nextPublished().text());
        assertEquals("{\"content\":\"echo:allowed\",\"to\":\"room-7\",\"type\":\"message\"}", bridge.nextFrame());
        assertTrue(sink.published.isEmpty());
    }

    @Test
    void nanobotAuthenticatesFirstThenAnswersWithSendFrames() throws Exception {
        FakeBridge bridge = bridge();
        bridge.onOpen = peer -> peer.send("{\"type\":\"status\",\"status\":\"connected\"}");
        start(bridge, TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "tok-s3cret");

        assertEquals("{\"token\":\"tok-s3cret\",\"type\":\"auth\"}", bridge.nextFrame());
        bridge.awaitPeer(0).send("{\"type\":\"message\",\"id\":\"n1\",\"sender\":\"123@lid\",\"pn\":\"4915@s.whatsapp.net\","
                + "\"content\":\" hi \",\"timestamp\":1700000000,\"isGroup\":false}");

        assertEquals(new InboundMessage("whatsapp", "4915@s.whatsapp.net", "123@lid", "hi", Optional.of("n1")),
                sink.nextPublished());
        assertEquals("{\"text\":\"echo:hi\",\"to\":\"123@lid\",\"type\":\"send\"}", bridge.nextFrame());
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}",
                "{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"connected\"}"), events.lines());
        assertFalse(events.lines().toString().contains("tok-s3cret"));
    }

    @Test
    void nanobotWithoutTokenSendsNoAuthFrame() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot");

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"sender\":\"123@lid\",\"content\":\"hi\"}");

        assertEquals("{\"text\":\"echo:hi\",\"to\":\"123@lid\",\"type\":\"send\"}", bridge.nextFrame());
    }

    @Test
    void nanobotQrFrameIsReportedWithoutItsData() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot");

        bridge.awaitPeer(0).send("{\"type\":\"qr\",\"qr\":\"2@SECRET-QR-DATA\"}");

        events.awaitCount("channel_bridge_status", 1, WAIT);
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"qr\"}"),
                events.linesNamed("channel_bridge_status"));
        assertFalse(events.lines().toString().contains("SECRET-QR-DATA"));
    }

    @Test
    void duplicateIdsAreAnsweredOnce() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"one\"}");
        peer.send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"one\"}");
        peer.send("{\"type\":\"message\",\"id\":\"m2\",\"from\":\"u\",\"content\":\"two\"}");

        assertEquals("one", sink.nextPublished().text());
        assertEquals("two", sink.nextPublished().text());
        assertTrue(sink.published.isEmpty());
    }

    @Test
    void sixtyFourKibMessageRoundTrips() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);
        String content = "x".repeat(64 * 1024);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"" + content + "\"}");

        assertEquals(content, sink.nextPublished().text());
        assertEquals("{\"content\":\"echo:" + content + "\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void bridgePingsAreAnswered() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);

        bridge.awaitPeer(0).ping("are-you-there");

        assertEquals("are-you-there", bridge.pongs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void closeSendsCode1000AndStopsTheThreads() throws Exception {
        FakeBridge bridge = bridge();
        WhatsAppChannel channel = start(bridge, TIMINGS);
        events.awaitCount("channel_connected", 1, WAIT);

        channel.stopReceiving();
        channel.close();
        channel.close();

        assertEquals(1000, bridge.closeCodes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(events.linesNamed("channel_read_error").isEmpty());
        assertNoChannelThreadsWithin(Duration.ofSeconds(5));
    }

    @Test
    void repliesOfRunningTurnsAreSentAfterStopReceiving() throws Exception {
        FakeBridge bridge = bridge();
        WhatsAppChannel channel = start(bridge, TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        sink.reply = message -> {
            awaitQuietly(stopped);
            return "late:" + message.text();
        };

        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"before stop\"}");
        sink.nextPublished();
        channel.stopReceiving();
        stopped.countDown();

        assertEquals("{\"content\":\"late:before stop\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void framesAfterStopReceivingAreNotTaken() throws Exception {
        FakeBridge bridge = bridge();
        WhatsAppChannel channel = start(bridge, TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        channel.stopReceiving();
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"too late\"}");
        peer.send("junk");

        assertNull(sink.published.poll(300, TimeUnit.MILLISECONDS));
        assertTrue(events.linesNamed("channel_parse_error").isEmpty());
    }

    @Test
    void bridgeCloseIsReportedAndFollowedByAReconnect() throws Exception {
        FakeBridge bridge = bridge();
        start(bridge, TIMINGS);

        bridge.awaitPeer(0).close(1012, "restart");

        events.awaitCount("channel_connected", 2, WAIT);
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"bridge closed connection: code=1012 reason=restart\",\"event\":\"channel_read_error\"}",
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), events.lines());
        long gap = events.named("channel_connected").get(1).nanos() - events.named("channel_read_error").get(0).nanos();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(250), "reconnected after only " + gap + " ns");
    }

    @Test
    void everyMessageIsAnsweredExactlyOnceAcrossBridgeRestarts() throws Exception {
        FakeBridge bridge = bridge();
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
        start(bridge, TIMINGS);

        events.await("all answered", recorded -> answered.size() >= total, WAIT);
        Thread.sleep(100);

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            expected.add("{\"content\":\"echo:message " + n + "\",\"to\":\"u\",\"type\":\"message\"}");
        }
        assertEquals(expected, answered);
        assertEquals(3, bridge.peers.size());
        assertEquals(2, events.linesNamed("channel_read_error").size());
    }

    private static String message(int n) {
        return "{\"type\":\"message\",\"id\":\"id-" + n + "\",\"from\":\"u\",\"content\":\"message " + n + "\"}";
    }

    @Test
    void replyWaitsForTheReconnection() throws Exception {
        FakeBridge bridge = bridge();
        bridge.onOpen = peer -> {
            if (bridge.peers.size() == 1) {
                peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"hello\"}");
                peer.close(1012, "restart");
            }
        };
        sink.reply = message -> {
            events.awaitCount("channel_read_error", 1, WAIT);
            return "after reconnect";
        };
        start(bridge, TIMINGS);

        assertEquals("{\"content\":\"after reconnect\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
        assertEquals(2, bridge.peers.size());
        assertTrue(events.linesNamed("channel_send_error").isEmpty());
    }

    @Test
    void bridgeDownAtStartIsRetriedWithGrowingDelaysUntilItComes() throws Exception {
        int port = unusedPort();
        start("ws://127.0.0.1:" + port + "/bridge", TIMINGS);

        events.awaitCount("channel_connect_error", 3, WAIT);
        FakeBridge bridge = FakeBridge.start(port);
        resources.add(bridge);

        events.awaitCount("channel_connected", 1, WAIT);
        List<RecordingEvents.Event> failures = events.named("channel_connect_error");
        assertTrue(failures.get(0).line().startsWith(
                "{\"channel\":\"whatsapp\",\"error\":\"websocket connect failed: "), failures.get(0).line());
        assertTrue(failures.get(1).nanos() - failures.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(250));
        assertTrue(failures.get(2).nanos() - failures.get(1).nanos() >= TimeUnit.MILLISECONDS.toNanos(500));
        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"back\"}");
        assertEquals("{\"content\":\"echo:back\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void rejectedAuthIsAReadErrorFollowedByBackoff() throws Exception {
        FakeBridge bridge = bridge();
        bridge.onText = (peer, frame) -> {
            if (frame.contains("\"type\":\"auth\"")) {
                peer.close(4003, "invalid token");
            }
        };
        start(bridge, TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "wrong");

        events.awaitCount("channel_read_error", 2, WAIT);

        assertEquals("{\"channel\":\"whatsapp\",\"error\":\"bridge closed connection: code=4003 reason=invalid token\","
                + "\"event\":\"channel_read_error\"}", events.linesNamed("channel_read_error").get(0));
        List<RecordingEvents.Event> connects = events.named("channel_connected");
        List<RecordingEvents.Event> errors = events.named("channel_read_error");
        assertTrue(connects.get(1).nanos() - errors.get(0).nanos() >= TimeUnit.MILLISECONDS.toNanos(250));
        assertTrue(connects.get(2 - 1).nanos() < errors.get(1).nanos());
    }

    @Test
    void silentBridgeTimesOutAndIsReconnected() throws Exception {
        FakeBridge bridge = bridge();
        bridge.silent = true;
        BridgeTimings timings = new BridgeTimings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        start(bridge, timings);

        events.awaitCount("channel_connected", 2, WAIT);

        assertEquals("{\"channel\":\"whatsapp\",\"error\":\"keepalive timeout\",\"event\":\"channel_read_error\"}",
                events.linesNamed("channel_read_error").get(0));
        assertTrue(bridge.pings.get() >= 1, "no Ping reached the bridge");
    }

    @Test
    void pongsKeepTheConnectionAlive() throws Exception {
        FakeBridge bridge = bridge();
        BridgeTimings timings = new BridgeTimings(Duration.ofMillis(50), Duration.ofMillis(600), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        start(bridge, timings);
        bridge.awaitPeer(0);

        Thread.sleep(1500);

        assertTrue(events.linesNamed("channel_read_error").isEmpty(), events.lines().toString());
        assertEquals(1, bridge.peers.size());
        assertTrue(bridge.pings.get() >= 5, "only " + bridge.pings.get() + " Pings");
    }

    @Test
    void hungHandshakeIsAConnectTimeout() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            BridgeTimings timings = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90),
                    Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(3));
            start("ws://127.0.0.1:" + mute.getLocalPort() + "/bridge", timings);

            events.awaitCount("channel_connect_error", 1, WAIT);

            assertEquals("{\"channel\":\"whatsapp\",\"error\":\"websocket connect timed out after 300 ms\","
                    + "\"event\":\"channel_connect_error\"}", events.linesNamed("channel_connect_error").get(0));
        }
    }

    @Test
    void stopInterruptsAReconnectWait() throws Exception {
        int port = unusedPort();
        WhatsAppChannel channel = start("ws://127.0.0.1:" + port + "/bridge", TIMINGS,
                "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "600000");
        events.awaitCount("channel_connect_error", 1, WAIT);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            channel.stopReceiving();
            channel.close();
        });

        assertNoChannelThreadsWithin(Duration.ofSeconds(5));
        assertEquals(1, events.named("channel_connect_error").size());
    }

    @Test
    void sendThatTimesOutIsASendErrorFollowedByAReconnect() throws Exception {
        FakeBridge bridge = bridge();
        bridge.stalled = true;
        BridgeTimings timings = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofMillis(500));
        WhatsAppChannel channel = start(bridge, timings);
        events.awaitCount("channel_connected", 1, WAIT);
        bridge.stalled = false;
        String huge = "z".repeat(8 * 1024 * 1024);

        channel.send(new dev.rustypinch.api.OutboundMessage("u", huge,
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"websocket send timed out after 500 ms\","
                + "\"event\":\"channel_send_error\"}"), events.linesNamed("channel_send_error"));
        events.awaitCount("channel_connected", 2, WAIT);
        assertTrue(events.linesNamed("channel_read_error").isEmpty(), events.lines().toString());
    }

    @Test
    void sendWithoutConnectionAfterStopIsASendError() throws Exception {
        int port = unusedPort();
        WhatsAppChannel channel = start("ws://127.0.0.1:" + port + "/bridge", TIMINGS);
        events.awaitCount("channel_connect_error", 1, WAIT);
        channel.stopReceiving();

        channel.send(new dev.rustypinch.api.OutboundMessage("u", "reply",
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge is not connected\","
                + "\"event\":\"channel_send_error\"}"), events.linesNamed("channel_send_error"));
    }

    @Test
    void sendAfterCloseIsASendError() throws Exception {
        FakeBridge bridge = bridge();
        WhatsAppChannel channel = start(bridge, TIMINGS);
        bridge.awaitPeer(0);
        channel.close();

        channel.send(new dev.rustypinch.api.OutboundMessage("u", "reply",
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp channel is closed\","
                + "\"event\":\"channel_send_error\"}"), events.linesNamed("channel_send_error"));
    }

    private static void assertNoChannelThreadsWithin(Duration limit) throws InterruptedException {
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

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
