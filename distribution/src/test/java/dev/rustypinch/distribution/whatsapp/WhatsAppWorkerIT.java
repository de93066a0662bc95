package dev.rustypinch.distribution.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code channels whatsapp --max-messages N} through the real CLI in-process, with the default plugins of the built
 * distribution and the local provider, against a real websocket bridge on 127.0.0.1 (SPEC §13, §10.5, §17.2 42–43).
 */
class WhatsAppWorkerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final String STOP_MAX_MESSAGES = "{\"channel\":\"whatsapp\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}";
    private static final String CONNECTED = "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}";

    @TempDir
    Path work;

    private BridgeServer bridge;

    @BeforeEach
    void startBridge() {
        bridge = BridgeServer.start();
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    private WorkerRun worker() {
        return new WorkerRun(work, bridge.url());
    }

    private static String localReply(String text, int history) {
        return "[Rusty Pinch:local:" + WorkerRun.MODEL + "] Received '" + text + "'. history=" + history + " messages.";
    }

    private static String picoclawReply(String to, String content) {
        return "{\"content\":\"" + content + "\",\"to\":\"" + to + "\",\"type\":\"message\"}";
    }

    private static String picoclawMessage(String id, String from, String chat, String content) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"from\":\"" + from + "\""
                + (chat == null ? "" : ",\"chat\":\"" + chat + "\"") + ",\"content\":\"" + content + "\"}";
    }

    private List<String> frames(int count) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(bridge.nextFrame());
        }
        return frames;
    }

    private static List<JsonNode> sessionEntries(Path file) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }

    private static void assertEntry(JsonNode entry, String role, String content) {
        List<String> fields = new ArrayList<>();
        entry.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("role", "content", "timestamp"), fields);
        assertEquals(role, entry.get("role").asText());
        assertEquals(content, entry.get("content").asText());
    }

    @Test
    void picoclawMessagesAreAnsweredAndTheWorkerStopsAfterMaxMessages() throws Exception {
        bridge.onOpen = peer -> {
            peer.send(picoclawMessage("m1", "alice", "room-1", "  hello  "));
            peer.send(picoclawMessage("m2", "bob", null, "hi"));
        };

        WorkerRun.Result result = worker().start("channels", "whatsapp", "--max-messages", "2").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(Set.of(picoclawReply("room-1", localReply("hello", 0)), picoclawReply("bob", localReply("hi", 0))),
                Set.copyOf(frames(2)));
        assertEquals(List.of("channel_start", "channel_connected", "turn", "turn", "channel_stop"), result.eventNames(),
                result::toString);
        assertEquals(List.of("{\"allow_from_count\":0,\"bridge_url\":\"" + bridge.url()
                + "\",\"channel\":\"whatsapp\",\"event\":\"channel_start\",\"max_messages\":2,\"reconnect_ms\":250}"),
                result.events("channel_start"));
        assertEquals(List.of(CONNECTED), result.events("channel_connected"));
        assertEquals(List.of(STOP_MAX_MESSAGES), result.events("channel_stop"));
    }

    @Test
    void eachChatHasItsOwnSessionFileWithTheRawTextAndTheReply() throws Exception {
        bridge.onOpen = peer -> {
            peer.send(picoclawMessage("m1", "alice", "room-1", "  hello  "));
            peer.send(picoclawMessage("m2", "bob", null, "hi"));
        };

        WorkerRun run = worker();
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "2").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> room = sessionEntries(run.sessionFile("whatsapp_room-1"));
        assertEquals(2, room.size());
        assertEntry(room.get(0), "user", "hello");
        assertEntry(room.get(1), "assistant", localReply("hello", 0));
        List<JsonNode> bob = sessionEntries(run.sessionFile("whatsapp_bob"));
        assertEquals(2, bob.size());
        assertEntry(bob.get(0), "user", "hi");
        assertEntry(bob.get(1), "assistant", localReply("hi", 0));
        assertTrue(result.events("turn").stream().anyMatch(line -> line.contains("\"session_id\":\"whatsapp:room-1\"")),
                result::toString);
        assertTrue(result.events("turn").stream().anyMatch(line -> line.contains("\"session_id\":\"whatsapp:bob\"")),
                result::toString);
    }

    @Test
    void theSocketIsClosedWithCode1000WhenTheWorkerStops() throws Exception {
        bridge.onOpen = peer -> peer.send(picoclawMessage("m1", "alice", null, "hello"));

        WorkerRun.Result result = worker().start("channels", "whatsapp", "--max-messages", "1").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(bridge.nextClose().startsWith("1000 "));
        assertEquals(1, bridge.peers.size());
    }

    @Test
    void onlyAllowedSendersOrChatsAreAnswered() throws Exception {
        bridge.onOpen = peer -> {
            peer.send(picoclawMessage("m1", "mallory", null, "let me in"));
            peer.send(picoclawMessage("m2", "mallory", "room-9", "via the room"));
            peer.send(picoclawMessage("m3", "alice", null, "direct"));
        };

        WorkerRun run = worker().env("RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "alice, room-9");
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "2").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.events("channel_start").get(0).startsWith("{\"allow_from_count\":2,"), result::toString);
        assertEquals(Set.of(picoclawReply("room-9", localReply("via the room", 0)), picoclawReply("alice", localReply("direct", 0))),
                Set.copyOf(frames(2)));
        assertFalse(Files.exists(run.sessionFile("whatsapp_mallory")));
        assertEquals(2, result.events("turn").size(), result::toString);
    }

    @Test
    void aRepeatedMessageIdIsIgnoredAndNotCounted() throws Exception {
        bridge.onOpen = peer -> {
            peer.send(picoclawMessage("m1", "alice", null, "one"));
            peer.send(picoclawMessage("m1", "alice", null, "one again"));
            peer.send(picoclawMessage("m2", "alice", null, "two"));
        };

        WorkerRun run = worker();
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "2").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(picoclawReply("alice", localReply("one", 0)), picoclawReply("alice", localReply("two", 2))),
                frames(2));
        List<JsonNode> session = sessionEntries(run.sessionFile("whatsapp_alice"));
        assertEquals(4, session.size());
        assertEntry(session.get(2), "user", "two");
        assertEquals(2, result.events("turn").size(), result::toString);
        assertEquals(List.of(STOP_MAX_MESSAGES), result.events("channel_stop"));
    }

    @Test
    void aFailedTurnIsAnsweredWithTheRequestIdAndLeavesNoHistory() throws Exception {
        bridge.onOpen = peer -> peer.send(picoclawMessage("m1", "alice", null, "/tool session_tail 0"));

        WorkerRun run = worker();
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "1").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        String frame = bridge.nextFrame();
        assertTrue(Pattern.matches(Pattern.quote("{\"content\":\"Rusty Pinch error: request_id=") + "rp-[0-9a-f]+-[0-9]+"
                + Pattern.quote(": tool 'session_tail' execution failed: count must be > 0\",\"to\":\"alice\",\"type\":\"message\"}"),
                frame), frame);
        assertFalse(Files.exists(run.sessionFile("whatsapp_alice")));
        assertTrue(result.events("turn").get(0).contains("\"status\":\"error\""), result::toString);
        assertEquals(List.of(STOP_MAX_MESSAGES), result.events("channel_stop"));
    }

    @Test
    void badFramesAreReportedAndTheWorkerGoesOn() throws Exception {
        bridge.onOpen = peer -> {
            peer.send("not json");
            peer.send("{\"type\":\"message\",\"content\":\"who am i\"}");
            peer.send("{\"type\":\"message\",\"from\":\"alice\",\"content\":\"   \"}");
            peer.send("{\"type\":\"status\",\"content\":\"connected\"}");
            peer.send(picoclawMessage("m1", "alice", null, "still here"));
        };

        WorkerRun.Result result = worker().start("channels", "whatsapp", "--max-messages", "1").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(picoclawReply("alice", localReply("still here", 0)), bridge.nextFrame());
        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"error\":\"failed to decode whatsapp bridge payload\",\"event\":\"channel_parse_error\"}",
                "{\"channel\":\"whatsapp\",\"error\":\"whatsapp bridge message is missing 'from'\",\"event\":\"channel_parse_error\"}"),
                result.events("channel_parse_error"));
        assertEquals(1, result.events("turn").size(), result::toString);
    }

    @Test
    void nanobotAuthenticatesFirstReportsStatusAndRepliesWithSendFrames() throws Exception {
        bridge.onText = (peer, text) -> {
            if (text.contains("\"type\":\"auth\"")) {
                peer.send("{\"type\":\"status\",\"status\":\"connected\"}");
                peer.send("{\"type\":\"message\",\"id\":\"n1\",\"sender\":\"4915550001@s.whatsapp.net\",\"pn\":\"4915550001\","
                        + "\"content\":\"  hello nanobot  \",\"timestamp\":1700000000}");
            }
        };

        WorkerRun run = worker().env("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot")
                .env("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "bridge-secret-7");
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "1").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"token\":\"bridge-secret-7\",\"type\":\"auth\"}", bridge.nextFrame());
        assertEquals("{\"text\":\"" + localReply("hello nanobot", 0) + "\",\"to\":\"4915550001@s.whatsapp.net\",\"type\":\"send\"}",
                bridge.nextFrame());
        assertEquals(List.of("channel_start", "channel_connected", "channel_bridge_status", "turn", "channel_stop"),
                result.eventNames(), result::toString);
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_bridge_status\",\"status\":\"connected\"}"),
                result.events("channel_bridge_status"));
        List<JsonNode> session = sessionEntries(run.sessionFile("whatsapp_4915550001_s_whatsapp_net"));
        assertEntry(session.get(0), "user", "hello nanobot");
        assertFalse(result.stderr().contains("bridge-secret-7"), "the bridge token leaked to stderr");
    }

    @Test
    void nanobotAllowlistMatchesThePhoneNumberBeforeTheAt() throws Exception {
        bridge.onOpen = peer -> {
            peer.send("{\"type\":\"message\",\"id\":\"n1\",\"sender\":\"111@s.whatsapp.net\",\"content\":\"stranger\"}");
            peer.send("{\"type\":\"message\",\"id\":\"n2\",\"sender\":\"abc@lid\",\"pn\":\"4915550001@s.whatsapp.net\","
                    + "\"content\":\"friend\"}");
        };

        WorkerRun run = worker().env("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "nanobot")
                .env("RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "4915550001");
        WorkerRun.Result result = run.start("channels", "whatsapp", "--max-messages", "1").await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"text\":\"" + localReply("friend", 0) + "\",\"to\":\"abc@lid\",\"type\":\"send\"}", bridge.nextFrame());
        assertEquals(1, result.events("turn").size(), result::toString);
        assertFalse(Files.exists(run.sessionFile("whatsapp_111_s_whatsapp_net")));
    }

    @Test
    void anUnknownDialectIsRefusedBeforeConnecting() throws Exception {
        WorkerRun.Result result = worker().env("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "baileys")
                .start("channels", "whatsapp").await(RUN_LIMIT);

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("Error: RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got 'baileys')\n", result.stderr());
        assertEquals(0, bridge.peers.size());
    }
}
