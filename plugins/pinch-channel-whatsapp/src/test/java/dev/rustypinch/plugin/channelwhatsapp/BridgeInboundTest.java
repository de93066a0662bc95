package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgeInboundTest {
    private final RecordingEvents events = new RecordingEvents();
    private final List<InboundMessage> published = new ArrayList<>();

    private BridgeInbound inbound(BridgeDialect dialect, String... allowFrom) {
        return new BridgeInbound(dialect, Allowlist.of(List.of(allowFrom)), new RecentIds(RecentIds.DEFAULT_CAPACITY),
                new ChannelEvents(events), (message, listener) -> published.add(message));
    }

    @Test
    void picoClawMessageIsPublishedForItsChatSession() {
        inbound(new PicoClawDialect()).accept(
                "{\"type\":\"message\",\"id\":\"m1\",\"from\":\"user-1\",\"chat\":\"room-9\",\"content\":\"  ping  \"}");

        assertEquals(List.of(new InboundMessage("whatsapp", "user-1", "room-9", "ping", Optional.of("m1"))), published);
        assertEquals("whatsapp:room-9", published.get(0).sessionId());
        assertEquals(List.of(), events.lines());
    }

    @Test
    void statusFramePublishesNothingAndReportsNothing() {
        inbound(new PicoClawDialect()).accept("{\"type\":\"status\",\"content\":\"connected\"}");

        assertEquals(List.of(), published);
        assertEquals(List.of(), events.lines());
    }

    @Test
    void undecodableFrameIsReported() {
        inbound(new PicoClawDialect()).accept("{not json");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\","
                + "\"event\":\"channel_parse_error\"}"), events.lines());
        assertEquals(List.of(), published);
    }

    @Test
    void missingFromIsReported() {
        inbound(new PicoClawDialect()).accept("{\"type\":\"message\",\"content\":\"hi\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge message is missing 'from'\","
                + "\"event\":\"channel_parse_error\"}"), events.lines());
    }

    @Test
    void missingSenderIsReported() {
        inbound(new NanobotDialect()).accept("{\"type\":\"message\",\"content\":\"hi\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge message is missing 'sender'\","
                + "\"event\":\"channel_parse_error\"}"), events.lines());
    }

    @Test
    void emptyContentIsIgnoredSilently() {
        inbound(new PicoClawDialect()).accept("{\"type\":\"message\",\"from\":\"u\",\"content\":\"   \"}");

        assertEquals(List.of(), published);
        assertEquals(List.of(), events.lines());
    }

    @Test
    void allowlistAdmitsAListedSender() {
        BridgeInbound inbound = inbound(new PicoClawDialect(), "alice", "bob");

        inbound.accept("{\"type\":\"message\",\"from\":\"alice\",\"chat\":\"room-1\",\"content\":\"hi\"}");

        assertEquals(1, published.size());
    }

    @Test
    void allowlistAdmitsAListedChat() {
        BridgeInbound inbound = inbound(new PicoClawDialect(), "alice", "room-1");

        inbound.accept("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-1\",\"content\":\"hi\"}");

        assertEquals(1, published.size());
    }

    @Test
    void allowlistDropsOthersSilently() {
        BridgeInbound inbound = inbound(new PicoClawDialect(), "alice", "bob");

        inbound.accept("{\"type\":\"message\",\"from\":\"mallory\",\"chat\":\"room-1\",\"content\":\"hi\"}");

        assertEquals(List.of(), published);
        assertEquals(List.of(), events.lines());
    }

    @Test
    void picoClawAllowlistNeedsExactIds() {
        BridgeInbound inbound = inbound(new PicoClawDialect(), "4915");

        inbound.accept("{\"type\":\"message\",\"from\":\"4915@s.whatsapp.net\",\"content\":\"hi\"}");

        assertEquals(List.of(), published);
    }

    @Test
    void nanobotAllowlistMatchesTheSenderBeforeTheAt() {
        BridgeInbound inbound = inbound(new NanobotDialect(), "123");

        inbound.accept("{\"type\":\"message\",\"sender\":\"123@lid\",\"content\":\"hi\"}");

        assertEquals(1, published.size());
    }

    @Test
    void nanobotAllowlistMatchesThePhoneNumberBeforeTheAt() {
        BridgeInbound inbound = inbound(new NanobotDialect(), "4915");

        inbound.accept("{\"type\":\"message\",\"sender\":\"123@lid\",\"pn\":\"4915@s.whatsapp.net\",\"content\":\"hi\"}");

        assertEquals(List.of(new InboundMessage("whatsapp", "4915@s.whatsapp.net", "123@lid", "hi", Optional.empty())),
                published);
    }

    @Test
    void nanobotAllowlistMatchesWholeAddresses() {
        BridgeInbound inbound = inbound(new NanobotDialect(), "4915@s.whatsapp.net");

        inbound.accept("{\"type\":\"message\",\"sender\":\"123@lid\",\"pn\":\"4915@s.whatsapp.net\",\"content\":\"hi\"}");

        assertEquals(1, published.size());
    }

    @Test
    void nanobotAllowlistDropsOthers() {
        BridgeInbound inbound = inbound(new NanobotDialect(), "4915");

        inbound.accept("{\"type\":\"message\",\"sender\":\"777@lid\",\"pn\":\"4916@s.whatsapp.net\",\"content\":\"hi\"}");

        assertEquals(List.of(), published);
    }

    @Test
    void duplicateIdsAreIgnoredSilently() {
        BridgeInbound inbound = inbound(new PicoClawDialect());

        inbound.accept("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"first\"}");
        inbound.accept("{\"type\":\"message\",\"id\":\"m1\",\"from\":\"u\",\"content\":\"again\"}");
        inbound.accept("{\"type\":\"message\",\"id\":\"m2\",\"from\":\"u\",\"content\":\"second\"}");

        assertEquals(List.of("first", "second"), published.stream().map(InboundMessage::text).toList());
        assertEquals(List.of(), events.lines());
    }

    @Test
    void messagesWithoutIdsAreNeverDuplicates() {
        BridgeInbound inbound = inbound(new PicoClawDialect());

        inbound.accept("{\"type\":\"message\",\"from\":\"u\",\"content\":\"same\"}");
        inbound.accept("{\"type\":\"message\",\"from\":\"u\",\"content\":\"same\"}");

        assertEquals(2, published.size());
    }

    @Test
    void nanobotStatusFrameIsReported() {
        inbound(new NanobotDialect()).accept("{\"type\":\"status\",\"status\":\"connected\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"connected\"}"),
                events.lines());
    }

    @Test
    void nanobotStatusFrameWithoutStatusReportsNull() {
        inbound(new NanobotDialect()).accept("{\"type\":\"status\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":null}"),
                events.lines());
    }

    @Test
    void nanobotQrFrameIsReportedWithoutItsData() {
        inbound(new NanobotDialect()).accept("{\"type\":\"qr\",\"qr\":\"2@SECRET-QR-DATA,abc\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"qr\"}"),
                events.lines());
        assertFalse(events.lines().stream().anyMatch(line -> line.contains("SECRET-QR-DATA")));
    }

    @Test
    void nanobotErrorFrameIsASendError() {
        inbound(new NanobotDialect()).accept("{\"type\":\"error\",\"error\":\"Not connected\"}");

        assertEquals(List.of("{\"channel\":\"whatsapp\",\"error\":\"Not connected\",\"event\":\"channel_send_error\"}"),
                events.lines());
    }

    @Test
    void nanobotSentFrameIsIgnored() {
        inbound(new NanobotDialect()).accept("{\"type\":\"sent\",\"to\":\"123@lid\"}");

        assertTrue(events.lines().isEmpty());
        assertTrue(published.isEmpty());
    }
}
