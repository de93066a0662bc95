package dev.rustypinch.plugin.channeltelegram;

import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.SECRET_PART;
import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.TOKEN;
import static dev.rustypinch.plugin.channeltelegram.FakeBotApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramSendTest {
    private static final String CHAT = "12345";
    private static final InboundMessage QUESTION =
            new InboundMessage("telegram", "777", CHAT, "question", Optional.of("99"));

    @TempDir
    Path dataDirectory;

    private BotApiHarness harness;
    private TelegramChannel channel;

    @BeforeEach
    void startFakeApi() throws Exception {
        harness = new BotApiHarness(dataDirectory);
        channel = harness.channel();
    }

    @AfterEach
    void stopFakeApi() throws Exception {
        harness.close();
    }

    private void reply(String text) {
        channel.send(new OutboundMessage(CHAT, text, QUESTION));
    }

    private static String body(String text) {
        return "{\"chat_id\":\"" + CHAT + "\",\"text\":" + TelegramBotApiJson.quote(text) + "}";
    }

    private static String sendError(String error) {
        return "{\"channel\":\"telegram\",\"chat_id\":\"" + CHAT + "\",\"error\":" + TelegramBotApiJson.quote(error)
                + ",\"event\":\"channel_send_error\"}";
    }

    private List<String> sendErrors() {
        return harness.events.lines("channel_send_error");
    }

    @Test
    void replyIsPostedAsJsonWithAStringChatIdAndNoParseMode() {
        reply("  hi there \n");

        RecordedRequest request = harness.api.sends().get(0);
        assertEquals("POST", request.getMethod());
        assertEquals("/bot" + TOKEN + "/sendMessage", request.getTarget());
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertEquals(body("hi there"), request.getBody().utf8());
        assertEquals(List.of(), harness.events.lines());
    }

    @Test
    void controlCharactersAreEscapedWithLowercaseHex() {
        reply("a\u001bb\tc\"d\\e/f\u00e9");

        assertEquals("{\"chat_id\":\"12345\",\"text\":\"a\\u001bb\\tc\\\"d\\\\e/f\u00e9\"}", harness.api.sendBodies().get(0));
    }

    @Test
    void blankReplyIsSentAsEmptyResponse() {
        reply(" \u00a0\n");

        assertEquals(List.of(body("(empty response)")), harness.api.sendBodies());
    }

    @Test
    void longReplyIsSentInChunksOfAtMost3500Characters() {
        reply("x".repeat(10_000));

        assertEquals(List.of(body("x".repeat(3500)), body("x".repeat(3500)), body("x".repeat(3000))),
                harness.api.sendBodies());
    }

    @Test
    void onceFailingChunkIsRetriedAfterOneSecondAndDelivered() {
        harness.api.scriptSend(json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));
        reply("hello");

        assertEquals(List.of(body("hello"), body("hello")), harness.api.sendBodies());
        assertEquals(List.of(Duration.ofSeconds(1)), harness.sleeps());
        assertEquals(List.of(), sendErrors());
    }

    @Test
    void rateLimitedChunkWaitsRetryAfter() {
        harness.api.scriptSend(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry "
                + "after 7\",\"parameters\":{\"retry_after\":7}}"));
        reply("hello");

        assertEquals(List.of(body("hello"), body("hello")), harness.api.sendBodies());
        assertEquals(List.of(Duration.ofSeconds(7)), harness.sleeps());
        assertEquals(List.of(), sendErrors());
    }

    @Test
    void transientFailuresAreRetriedThreeTimesThenReported() {
        for (int i = 0; i < 4; i++) {
            harness.api.scriptSend(new MockResponse.Builder().code(503).body("busy").build());
        }
        reply("hello");

        assertEquals(4, harness.api.sends().size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), harness.sleeps());
        assertEquals(List.of(sendError("telegram sendMessage failed: http_status=503")), sendErrors());
    }

    @Test
    void okFalseWithServerErrorIsRetriedAndReportedWithTheDescription() {
        for (int i = 0; i < 4; i++) {
            harness.api.scriptSend(json(503, "{\"ok\":false,\"error_code\":503,\"description\":\"Service Unavailable\"}"));
        }
        reply("hello");

        assertEquals(4, harness.api.sends().size());
        assertEquals(List.of(sendError("telegram API returned error: Service Unavailable")), sendErrors());
    }

    @Test
    void permanentFailureIsReportedWithoutRetry() {
        harness.api.scriptSend(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
        reply("hello");

        assertEquals(1, harness.api.sends().size());
        assertEquals(List.of(), harness.sleeps());
        assertEquals(List.of(sendError("telegram API returned error: Bad Request: chat not found")), sendErrors());
    }

    @Test
    void nonJsonClientErrorIsReportedWithTheStatus() {
        harness.api.scriptSend(new MockResponse.Builder().code(404).body("<html>no</html>").build());
        reply("hello");

        assertEquals(List.of(sendError("telegram sendMessage failed: http_status=404")), sendErrors());
    }

    @Test
    void answerWithoutOkTrueIsAnUnknownTelegramError() {
        harness.api.scriptSend(json(200, "{\"result\":{}}"));
        reply("hello");

        assertEquals(List.of(sendError("telegram API returned error: unknown telegram error")), sendErrors());
    }

    @Test
    void failedChunkIsNumberedAndLaterChunksAreNotSent() {
        harness.api.scriptSend(json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}"));
        harness.api.scriptSend(json(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked "
                + "by the user\"}"));
        reply("a".repeat(3500) + "b".repeat(3500) + "c".repeat(10));

        assertEquals(List.of(body("a".repeat(3500)), body("b".repeat(3500))), harness.api.sendBodies());
        assertEquals(List.of(sendError("chunk 2/3: telegram API returned error: Forbidden: bot was blocked by the user")),
                sendErrors());
    }

    @Test
    void unreachableApiIsReportedAsIoErrorAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        harness.environment.put(TelegramSettings.API_BASE, "http://127.0.0.1:" + closedPort);
        channel = harness.channel();
        reply("hello");

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), harness.sleeps());
        List<String> errors = sendErrors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("{\"channel\":\"telegram\",\"chat_id\":\"12345\",\"error\":\"telegram "
                + "sendMessage failed: io_error=ConnectException: "), errors.get(0));
    }

    @Test
    void tokenNeverAppearsInAnyEvent() throws Exception {
        harness.api.scriptSend(json(401, "{\"ok\":false,\"description\":\"Unauthorized: bot" + TOKEN + " and "
                + SECRET_PART + "\"}"));
        reply("hello");
        harness.api.scriptPoll(json(401, "{\"ok\":false,\"description\":\"token " + TOKEN + " revoked\"}"));
        harness.api.addText(1, 1, 1, "hi");
        EchoSink sink = EchoSink.processingAll();
        harness.start(sink);
        BotApiHarness.await("the turn", () -> sink.finished().size() == 1);
        harness.stopAndClose();

        List<String> lines = harness.events.lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(sendError("telegram API returned error: Unauthorized: bot<redacted> and <redacted>"), lines.get(0));
        for (String line : lines) {
            assertFalse(line.contains(TOKEN) || line.contains(SECRET_PART), line);
        }
        assertFalse(TelegramSettings.from(harness.context().config()).toString().contains(SECRET_PART));
    }
}
