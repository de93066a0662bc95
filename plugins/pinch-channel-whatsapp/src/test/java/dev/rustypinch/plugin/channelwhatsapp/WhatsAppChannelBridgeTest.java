package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The channel end to end against a real websocket bridge on 127.0.0.1: frames, events, stop. */
class WhatsAppChannelBridgeTest {
    private final ChannelHarness harness = new ChannelHarness();

    @AfterEach
    void closeEverything() {
        harness.close();
    }

    @Test
    void connectionIsAnnounced() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);

        harness.events.awaitCount("channel_connected", 1, ChannelHarness.WAIT);

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), harness.events.lines());
        bridge.awaitPeer(0);
    }

    @Test
    void picoClawMessageIsAnsweredWithAMessageFrame() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"user-1\",\"chat\":\"room-9\",\"content\":\"  ping  \"}");

        assertEquals(new InboundMessage("whatsapp", "user-1", "room-9", "ping", Optional.of("m1")), harness.sink.nextPublished());
        assertEquals("{\"content\":\"echo:ping\",\"to\":\"room-9\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void picoClawReplyGoesToTheSenderWhenThereIsNoChat() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"user-1\",\"content\":\"hi\"}");

        assertEquals("whatsapp:user-1", harness.sink.nextPublished().sessionId());
        assertEquals("{\"content\":\"echo:hi\",\"to\":\"user-1\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void statusFrameIsSkippedAndTheNextMessageHandled() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"status\",\"content\":\"connected\"}");
        peer.send("{\"type\":\"message\",\"from\":\"user-1\",\"content\":\"after status\"}");

        assertEquals("after status", harness.sink.nextPublished().text());
        assertTrue(harness.sink.published.isEmpty());
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}"), harness.events.lines());
    }

    @Test
    void badFramesAreReportedAndTheConnectionCarriesOn() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("junk");
        peer.send("[1,2]");
        peer.send("{\"type\":\"message\",\"from\":5,\"content\":\"hi\"}");
        peer.send("{\"type\":\"message\",\"content\":\"hi\"}");
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"  \"}");
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"still here\"}");

        assertEquals("still here", harness.sink.nextPublished().text());
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge message is missing 'from'\",\"event\":\"channel_parse_error\"}"),
                harness.events.linesNamed("channel_parse_error"));
        assertEquals(1, bridge.peers.size());
    }

    @Test
    void allowlistFiltersByChatEndToEnd() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "alice,room-7");
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-1\",\"content\":\"blocked\"}");
        peer.send("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-7\",\"content\":\"allowed\"}");

        assertEquals("allowed", harness.sink.nextPublished().text());
        assertEquals("{\"content\":\"echo:allowed\",\"to\":\"room-7\",\"type\":\"message\"}", bridge.nextFrame());
        assertTrue(harness.sink.published.isEmpty());
    }

    @Test
    void nanobotAuthenticatesFirstThenAnswersWithSendFrames() throws Exception {
        FakeBridge bridge = harness.bridge();
        bridge.onOpen = peer -> peer.send("{\"type\":\"status\",\"status\":\"connected\"}");
        harness.start(bridge, ChannelHarness.TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "tok-s3cret");

        assertEquals("{\"token\":\"tok-s3cret\",\"type\":\"auth\"}", bridge.nextFrame());
        bridge.awaitPeer(0).send("{\"type\":\"message\",\"id\":\"n1\",\"sender\":\"123@lid\",\"pn\":\"4915@s.whatsapp.net\","
                + "\"content\":\" hi \",\"timestamp\":1700000000,\"isGroup\":false}");

        assertEquals(new InboundMessage("whatsapp", "4915@s.whatsapp.net", "123@lid", "hi", Optional.of("n1")),
                harness.sink.nextPublished());
        assertEquals("{\"text\":\"echo:hi\",\"to\":\"123@lid\",\"type\":\"send\"}", bridge.nextFrame());
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}",
                "{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"connected\"}"), harness.events.lines());
        assertFalse(harness.events.lines().toString().contains("tok-s3cret"));
    }

    @Test
    void nanobotWithoutTokenSendsNoAuthFrame() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot");

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"sender\":\"123@lid\",\"content\":\"hi\"}");

        assertEquals("{\"text\":\"echo:hi\",\"to\":\"123@lid\",\"type\":\"send\"}", bridge.nextFrame());
    }

    @Test
    void nanobotQrFrameIsReportedWithoutItsData() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS, "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot");

        bridge.awaitPeer(0).send("{\"type\":\"qr\",\"qr\":\"2@SECRET-QR-DATA\"}");

        harness.events.awaitCount("channel_bridge_status", 1, ChannelHarness.WAIT);
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"qr\"}"),
                harness.events.linesNamed("channel_bridge_status"));
        assertFalse(harness.events.lines().toString().contains("SECRET-QR-DATA"));
    }

    @Test
    void duplicateIdsAreAnsweredOnce() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);

        peer.send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"one\"}");
        peer.send("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"one\"}");
        peer.send("{\"type\":\"message\",\"id\":\"m2\",\"from\":\"u\",\"content\":\"two\"}");

        assertEquals("one", harness.sink.nextPublished().text());
        assertEquals("two", harness.sink.nextPublished().text());
        assertTrue(harness.sink.published.isEmpty());
    }

    @Test
    void sixtyFourKibMessageRoundTrips() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);
        String content = "x".repeat(64 * 1024);

        bridge.awaitPeer(0).send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"" + content + "\"}");

        assertEquals(content, harness.sink.nextPublished().text());
        assertEquals("{\"content\":\"echo:" + content + "\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void bridgePingsAreAnswered() throws Exception {
        FakeBridge bridge = harness.bridge();
        harness.start(bridge, ChannelHarness.TIMINGS);

        bridge.awaitPeer(0).ping("are-you-there");

        assertEquals("are-you-there", bridge.pongs.poll(ChannelHarness.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void closeSendsCode1000AndStopsTheThreads() throws Exception {
        FakeBridge bridge = harness.bridge();
        WhatsAppChannel channel = harness.start(bridge, ChannelHarness.TIMINGS);
        harness.events.awaitCount("channel_connected", 1, ChannelHarness.WAIT);

        channel.stopReceiving();
        channel.close();
        channel.close();

        assertEquals(1000, bridge.closeCodes.poll(ChannelHarness.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(harness.events.linesNamed("channel_read_error").isEmpty());
        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
    }

    @Test
    void repliesOfRunningTurnsAreSentAfterStopReceiving() throws Exception {
        FakeBridge bridge = harness.bridge();
        WhatsAppChannel channel = harness.start(bridge, ChannelHarness.TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);
        CountDownLatch stopped = new CountDownLatch(1);
        harness.sink.reply = message -> {
            awaitQuietly(stopped);
            return "late:" + message.text();
        };

        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"before stop\"}");
        harness.sink.nextPublished();
        channel.stopReceiving();
        stopped.countDown();

        assertEquals("{\"content\":\"late:before stop\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
    }

    @Test
    void framesAfterStopReceivingAreNotTaken() throws Exception {
        FakeBridge bridge = harness.bridge();
        WhatsAppChannel channel = harness.start(bridge, ChannelHarness.TIMINGS);
        FakeBridge.Peer peer = bridge.awaitPeer(0);
        // The server sees the peer before the client has finished its handshake; a stop during the handshake closes
        // the socket (by design), so wait until the channel reports the connection.
        harness.events.awaitCount("channel_connected", 1, ChannelHarness.WAIT);

        channel.stopReceiving();
        peer.send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"too late\"}");
        peer.send("junk");

        assertNull(harness.sink.published.poll(300, TimeUnit.MILLISECONDS));
        assertTrue(harness.events.linesNamed("channel_parse_error").isEmpty());
    }

    @Test
    void sendWithoutConnectionAfterStopIsASendError() throws Exception {
        int port = ChannelHarness.unusedPort();
        WhatsAppChannel channel = harness.start("ws://127.0.0.1:" + port + "/bridge", ChannelHarness.TIMINGS);
        harness.events.awaitCount("channel_connect_error", 1, ChannelHarness.WAIT);
        channel.stopReceiving();

        channel.send(new OutboundMessage("u", "reply",
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge is not connected\","
                + "\"event\":\"channel_send_error\"}"), harness.events.linesNamed("channel_send_error"));
    }

    @Test
    void sendAfterCloseIsASendError() throws Exception {
        FakeBridge bridge = harness.bridge();
        WhatsAppChannel channel = harness.start(bridge, ChannelHarness.TIMINGS);
        bridge.awaitPeer(0);
        channel.close();

        channel.send(new OutboundMessage("u", "reply",
                new InboundMessage("whatsapp", "u", "u", "hi", Optional.empty())));

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp channel is closed\","
                + "\"event\":\"channel_send_error\"}"), harness.events.linesNamed("channel_send_error"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
