package dev.rustypinch.plugin.channeltelegram;

import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.SECRET_PART;
import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.TOKEN;
import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.await;
import static dev.rustypinch.plugin.channeltelegram.FakeBotApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramPollingTest {
    private static final String ALLOWED = "%5B%22message%22%2C%22edited_message%22%5D";
    private static final String STORED_AT = "2026-02-20T10:11:12.120+00:00";

    @TempDir
    Path dataDirectory;

    private BotApiHarness harness;

    @BeforeEach
    void startFakeApi() throws Exception {
        harness = new BotApiHarness(dataDirectory);
    }

    @AfterEach
    void stopFakeApi() throws Exception {
        harness.close();
    }

    private static String pollTarget(long offset) {
        return "/bot" + TOKEN + "/getUpdates?timeout=1&offset=" + offset + "&allowed_updates=" + ALLOWED;
    }

    private static String pollError(String error) {
        return "{\"channel\":\"telegram\",\"error\":" + TelegramBotApiJson.quote(error) + ",\"event\":\"channel_poll_error\"}";
    }

    private static String stateError(String error) {
        return "{\"channel\":\"telegram\",\"error\":" + TelegramBotApiJson.quote(error) + ",\"event\":\"channel_state_error\"}";
    }

    private static String offsetJson(String botId, long offset) {
        return "{\"bot_id\":\"" + botId + "\",\"offset\":" + offset + ",\"updated_at\":\"" + STORED_AT + "\"}\n";
    }

    private static String offsetJson(String botId, long offset, long... finished) {
        if (finished.length == 0) {
            return offsetJson(botId, offset);
        }
        String ids = Arrays.stream(finished).mapToObj(Long::toString).collect(Collectors.joining(","));
        return "{\"bot_id\":\"" + botId + "\",\"finished\":[" + ids + "],\"offset\":" + offset + ",\"updated_at\":\""
                + STORED_AT + "\"}\n";
    }

    private List<String> pollErrors() {
        return harness.events.lines("channel_poll_error");
    }

    private String storedOffset() throws IOException {
        return Files.readString(harness.offsetFile(), StandardCharsets.UTF_8);
    }

    private void writeOffsetFile(String content) throws IOException {
        Files.createDirectories(harness.offsetFile().getParent());
        Files.writeString(harness.offsetFile(), content, StandardCharsets.UTF_8);
    }

    private EchoSink startAndAnswer(int replies) throws InterruptedException {
        EchoSink sink = EchoSink.processingAll();
        harness.start(sink);
        await(replies + " replies", () -> harness.api.sends().size() == replies && sink.finished().size() == replies);
        return sink;
    }

    private List<String> publishedTexts(EchoSink sink) {
        return sink.published().stream().map(InboundMessage::text).toList();
    }

    // ----- the request

    @Test
    void getUpdatesAsksForMessagesAndEditsFromTheOffsetWithoutLimit() throws Exception {
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        String target = harness.api.pollTargets().get(0);
        assertEquals(pollTarget(0), target);
        HttpUrl url = harness.server.url(target);
        assertEquals("[\"message\",\"edited_message\"]", url.queryParameter("allowed_updates"));
        assertNull(url.queryParameter("limit"));
    }

    @Test
    void pollTimeoutZeroAsksTelegramForOneSecond() throws Exception {
        harness.environment.put(TelegramSettings.POLL_TIMEOUT_SECS, "0");
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
    }

    @Test
    void trailingSlashesOfTheApiBaseAreRemoved() throws Exception {
        harness.environment.put(TelegramSettings.API_BASE, harness.server.url("/").toString() + "//");
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
    }

    // ----- updates

    @Test
    void textMessageIsPublishedWithIdsAsStringsAndAnswered() throws Exception {
        harness.api.addText(99, 12345, 777, "hello");
        EchoSink sink = startAndAnswer(1);

        InboundMessage message = sink.published().get(0);
        assertEquals(new InboundMessage("telegram", "777", "12345", "hello", Optional.of("99")), message);
        assertEquals("telegram:12345", message.sessionId());
        assertEquals("{\"chat_id\":\"12345\",\"text\":\"echo: hello\"}", harness.api.sendBodies().get(0));
    }

    @Test
    void textIsTrimmedOfUnicodeWhitespace() throws Exception {
        harness.api.addText(1, 5, 5, "\u00a0 hi there\u2007\n");
        EchoSink sink = startAndAnswer(1);

        assertEquals(List.of("hi there"), publishedTexts(sink));
    }

    @Test
    void nonMessageUpdatesAndMessagesWithoutTextAreSkippedButCommitted() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"callback_query\":{\"id\":\"q\",\"from\":{\"id\":5,\"is_bot\":false},"
                + "\"data\":\"x\"}}");
        harness.api.addUpdate(2, "{\"update_id\":2,\"message\":{\"message_id\":2,\"from\":{\"id\":5,\"is_bot\":false},"
                + "\"chat\":{\"id\":5,\"type\":\"private\"},\"sticker\":{\"file_id\":\"s\"}}}");
        harness.api.addText(3, 5, 5, "\u00a0\u3000 ");
        harness.api.addText(4, 5, 5, "real");
        EchoSink sink = startAndAnswer(1);

        assertEquals(List.of("real"), publishedTexts(sink));
        await("the commit", () -> Files.exists(harness.offsetFile()));
        assertEquals(offsetJson("123456", 5), storedOffset());
    }

    @Test
    void messagesFromBotsAreSkipped() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"message\":{\"message_id\":1,\"from\":{\"id\":9,\"is_bot\":true},"
                + "\"chat\":{\"id\":5},\"text\":\"beep\"}}");
        harness.api.addText(2, 5, 5, "human");
        EchoSink sink = startAndAnswer(1);

        assertEquals(List.of("human"), publishedTexts(sink));
    }

    @Test
    void allowlistAcceptsTheSenderOrTheChat() throws Exception {
        harness.environment.put(TelegramSettings.ALLOW_FROM, " 777 , -100200 ");
        harness.api.addText(1, 1, 777, "allowed sender");
        harness.api.addText(2, -100200, 888, "allowed chat");
        harness.api.addText(3, 2, 888, "stranger");
        harness.api.addText(4, 3, 3, "last");
        harness.api.addText(5, 777, 1, "chat id equal to an allowed sender");
        EchoSink sink = startAndAnswer(3);

        assertEquals(List.of("allowed sender", "allowed chat", "chat id equal to an allowed sender"),
                publishedTexts(sink));
    }

    @Test
    void captionIsUsedWhenThereIsNoText() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"message\":{\"message_id\":1,\"from\":{\"id\":5,\"is_bot\":false},"
                + "\"chat\":{\"id\":5},\"photo\":[{\"file_id\":\"p\"}],\"caption\":\"  look  \"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(List.of("look"), publishedTexts(sink));
    }

    @Test
    void editedMessageIsPublishedWhenThereIsNoMessage() throws Exception {
        harness.api.addUpdate(7, "{\"update_id\":7,\"edited_message\":{\"message_id\":1,\"from\":{\"id\":5,\"is_bot\":false},"
                + "\"chat\":{\"id\":6},\"text\":\"fixed typo\"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(new InboundMessage("telegram", "5", "6", "fixed typo", Optional.of("7")), sink.published().get(0));
    }

    @Test
    void senderFallsBackToTheChatWithoutFrom() throws Exception {
        harness.api.addUpdate(8, "{\"update_id\":8,\"message\":{\"message_id\":1,\"chat\":{\"id\":-100300},"
                + "\"text\":\"anonymous\"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(new InboundMessage("telegram", "-100300", "-100300", "anonymous", Optional.of("8")),
                sink.published().get(0));
    }

    // ----- the offset

    @Test
    void nextPollSkipsUpdatesInFlightButTheOffsetIsCommittedOnlyWhenTheTurnEnds() throws Exception {
        harness.api.addText(10, 1, 1, "slow");
        CountDownLatch gate = new CountDownLatch(1);
        EchoSink sink = new EchoSink(message -> DeliveryOutcome.PROCESSED, Integer.MAX_VALUE, gate);
        TelegramChannel channel = harness.start(sink);
        await("the poll after the update", () -> harness.api.pollTargets().size() >= 2);

        assertEquals(pollTarget(11), harness.api.pollTargets().get(1));
        assertFalse(Files.exists(harness.offsetFile()));
        assertEquals(0, channel.committedOffset());

        gate.countDown();
        await("the commit", () -> channel.committedOffset() == 11);
        // The file is written just after the in-memory commit, outside the tracker's lock.
        await("the stored commit", () -> storedOffsetIs(11));
        assertEquals(offsetJson("123456", 11), storedOffset());
    }

    @Test
    void committedOffsetIsReusedAfterRestartSoNothingIsAnsweredTwice() throws Exception {
        harness.api.addText(10, 1, 1, "one");
        harness.api.addText(11, 1, 1, "two");
        startAndAnswer(2);
        harness.stopAndClose();
        assertEquals(offsetJson("123456", 12), storedOffset());

        EchoSink second = EchoSink.processingAll();
        harness.start(second);
        await("the first poll of the new channel", () -> harness.api.pollTargets().contains(pollTarget(12)));
        harness.stopAndClose();

        assertEquals(List.of(), second.published());
        assertEquals(2, harness.api.sends().size());
    }

    @Test
    void discardedUpdateIsNotCommittedAndOnlyItIsAnsweredAfterRestart() throws Exception {
        harness.api.addText(20, 1, 1, "one");
        harness.api.addText(21, 1, 1, "two");
        harness.api.addText(22, 1, 1, "three");
        EchoSink first = EchoSink.ending(message -> message.text().equals("two")
                ? DeliveryOutcome.DISCARDED : DeliveryOutcome.PROCESSED);
        harness.start(first);
        await("three outcomes", () -> first.finished().size() == 3);
        harness.stopAndClose();
        assertEquals(offsetJson("123456", 21, 22), storedOffset());

        EchoSink second = EchoSink.processingAll();
        harness.start(second);
        await("the redelivered turn", () -> second.finished().size() == 1);

        await("the commit", () -> storedOffsetIs(23));
        assertEquals(List.of("two"), publishedTexts(second), "the finished update 22 is not answered again");
    }

    @Test
    void finishedUpdatesStoredAboveTheOffsetAreNotPublishedAgain() throws Exception {
        writeOffsetFile("{\"bot_id\":\"123456\",\"finished\":[61,63],\"offset\":60,\"updated_at\":\"" + STORED_AT + "\"}\n");
        for (long id = 60; id <= 63; id++) {
            harness.api.addText(id, 1, 1, "m" + id);
        }
        EchoSink sink = EchoSink.processingAll();
        harness.start(sink);
        await("the commit", () -> storedOffsetIs(64));

        assertEquals(List.of("m60", "m62"), publishedTexts(sink));
        assertEquals(pollTarget(60), harness.api.pollTargets().get(0));
    }

    @Test
    void updateResumedFromTheJournalHoldsTheOffsetAndIsNotPublishedWhenRedelivered() throws Exception {
        writeOffsetFile(offsetJson("123456", 70));
        harness.api.addText(70, 1, 1, "resumed");
        harness.api.addText(71, 2, 2, "new");
        EchoSink sink = EchoSink.processingAll();
        TelegramChannel channel = harness.channel();
        sink.attach(channel);
        DeliveryListener resumed = channel.resumed(new InboundMessage("telegram", "1", "1", "resumed", Optional.of("70")));
        channel.start(sink);
        await("the new update's turn", () -> sink.finished().size() == 1);
        await("the stored finished update", () -> storedOffsetIs(70, 71));

        assertEquals(List.of("new"), publishedTexts(sink));
        assertEquals(70, channel.committedOffset());
        resumed.finished(DeliveryOutcome.PROCESSED);
        await("the commit", () -> storedOffsetIs(72));
        sink.close();
    }

    @Test
    void pollConfirmsPublishedUpdatesWhileTheirTurnsStillRun() throws Exception {
        harness.api.addText(80, 1, 1, "slow");
        harness.api.addText(81, 2, 2, "also slow");
        CountDownLatch gate = new CountDownLatch(1);
        EchoSink sink = new EchoSink(message -> DeliveryOutcome.PROCESSED, Integer.MAX_VALUE, gate);
        TelegramChannel channel = harness.start(sink);
        await("the poll after the updates", () -> harness.api.pollTargets().size() >= 2);

        assertEquals(pollTarget(82), harness.api.pollTargets().get(1));
        assertEquals(0, channel.committedOffset());
        gate.countDown();
        await("the commit", () -> channel.committedOffset() == 82);
    }

    private boolean storedOffsetIs(long offset, long... finished) {
        try {
            return storedOffset().equals(offsetJson("123456", offset, finished));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void refusedMessageIsNotCommittedAndPublishingStops() throws Exception {
        harness.api.addText(30, 1, 1, "one");
        harness.api.addText(31, 1, 1, "two");
        harness.api.addText(32, 1, 1, "three");
        EchoSink sink = new EchoSink(message -> DeliveryOutcome.PROCESSED, 1, new CountDownLatch(0));
        TelegramChannel channel = harness.start(sink);
        await("the first turn", () -> sink.finished().size() == 1);
        harness.stopAndClose();

        assertEquals(List.of("one"), publishedTexts(sink));
        assertEquals(31, channel.committedOffset());
        assertEquals(1, harness.api.pollTargets().size());
    }

    @Test
    void droppedMessagesCountAsFinished() throws Exception {
        harness.api.addText(40, 1, 1, "one");
        harness.api.addText(41, 2, 2, "two");
        EchoSink sink = EchoSink.ending(message -> DeliveryOutcome.DROPPED);
        TelegramChannel channel = harness.start(sink);
        await("both outcomes", () -> sink.finished().size() == 2);

        assertEquals(42, channel.committedOffset());
        assertEquals(List.of(), harness.api.sends());
    }

    @Test
    void storedOffsetOfThisBotIsWhereThePollStarts() throws Exception {
        writeOffsetFile(offsetJson("123456", 50));
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(50), harness.api.pollTargets().get(0));
    }

    @Test
    void offsetOfAnotherBotIsIgnored() throws Exception {
        writeOffsetFile(offsetJson("999", 50));
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
        assertEquals(List.of(), harness.events.lines());
    }

    @Test
    void corruptOffsetFileIsReportedAndPollingStartsAtZero() throws Exception {
        writeOffsetFile("{\"bot_id\":\"123456\",\"off");
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
        assertEquals(List.of(stateError("telegram offset file " + harness.offsetFile()
                + " is corrupt (expected {\"bot_id\":…,\"offset\":…}); starting from offset 0")), harness.events.lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"bot_id\":123456,\"offset\":50}",
        "{\"bot_id\":null,\"offset\":50}",
        "{\"bot_id\":\"123456\",\"offset\":\"50\"}",
        "{\"bot_id\":\"123456\",\"offset\":50.5}",
        "{\"bot_id\":\"123456\",\"offset\":9223372036854775808}",
        "{\"bot_id\":\"123456\",\"offset\":null}",
        "{\"bot_id\":\"123456\"}",
        "{\"bot_id\":\"123456\",\"finished\":51,\"offset\":50}",
        "{\"bot_id\":\"123456\",\"finished\":[51,\"52\"],\"offset\":50}",
        "{\"bot_id\":\"123456\",\"finished\":[null],\"offset\":50}",
        "{\"bot_id\":\"123456\",\"finished\":null,\"offset\":50}",
        "[{\"bot_id\":\"123456\",\"offset\":50}]",
        "null",
        ""})
    void offsetFileWithMissingOrMistypedFieldsIsCorrupt(String content) throws Exception {
        writeOffsetFile(content);
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
        assertEquals(List.of(stateError("telegram offset file " + harness.offsetFile()
                + " is corrupt (expected {\"bot_id\":…,\"offset\":…}); starting from offset 0")), harness.events.lines());
    }

    @Test
    void offsetFileWithANegativeOffsetIsCorrupt() throws Exception {
        writeOffsetFile(offsetJson("123456", -4));
        harness.channel();

        assertEquals(1, harness.events.lines("channel_state_error").size());
    }

    @Test
    void unreadableOffsetFileIsReportedAndPollingStartsAtZero() throws Exception {
        Files.createDirectories(harness.offsetFile());
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());

        assertEquals(pollTarget(0), harness.api.pollTargets().get(0));
        List<String> errors = harness.events.lines("channel_state_error");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("{\"channel\":\"telegram\",\"error\":\"failed to read telegram offset file "
                + harness.offsetFile() + ": "), errors.get(0));
    }

    @Test
    void creatingTheChannelWritesNothing() throws Exception {
        harness.channel();

        assertFalse(Files.exists(dataDirectory.resolve("channels")));
        assertEquals(0, harness.server.getRequestCount());
    }

    @Test
    void offsetWriteFailureIsReportedAndTheOffsetIsKeptInMemory() throws Exception {
        Files.writeString(dataDirectory.resolve("channels"), "not a directory", StandardCharsets.UTF_8);
        harness.api.addText(10, 1, 1, "one");
        TelegramChannel channel = harness.start(EchoSink.processingAll());
        await("the commit", () -> channel.committedOffset() == 11);
        harness.stopAndClose();

        List<String> errors = harness.events.lines("channel_state_error").stream()
                .filter(line -> line.contains("failed to write")).toList();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("{\"channel\":\"telegram\",\"error\":\"failed to write telegram offset file "
                + harness.offsetFile() + ": "), errors.get(0));
        assertTrue(errors.get(0).endsWith("; keeping offset 11 in memory\",\"event\":\"channel_state_error\"}"));
        assertEquals(List.of("/bot" + TOKEN + "/getUpdates?offset=11&timeout=0&limit=1"), harness.api.ackTargets());
    }

    // ----- the final acknowledgement

    @Test
    void closeAcknowledgesTheCommittedOffset() throws Exception {
        harness.api.addText(10, 1, 1, "one");
        startAndAnswer(1);
        harness.stopAndClose();

        assertEquals(List.of("/bot" + TOKEN + "/getUpdates?offset=11&timeout=0&limit=1"), harness.api.ackTargets());
        assertEquals(List.of(), pollErrors());
    }

    @Test
    void closeWithoutCommitsSendsNoAcknowledgement() throws Exception {
        writeOffsetFile(offsetJson("123456", 50));
        harness.start(EchoSink.processingAll());
        await("a poll", () -> !harness.api.pollTargets().isEmpty());
        harness.stopAndClose();

        assertEquals(List.of(), harness.api.ackTargets());
    }

    @Test
    void failedAcknowledgementIsReportedAsPollError() throws Exception {
        harness.api.scriptAck(json(401, "{\"ok\":false,\"description\":\"unauthorized\"}"));
        harness.api.addText(10, 1, 1, "one");
        startAndAnswer(1);
        harness.stopAndClose();

        assertEquals(List.of(pollError("telegram getUpdates returned error: unauthorized")), pollErrors());
    }

    @Test
    void okTrueWithoutResultIsAcceptedAsAcknowledgement() throws Exception {
        harness.api.scriptAck(json(200, "{\"ok\":true}"));
        harness.api.addText(10, 1, 1, "one");
        startAndAnswer(1);
        harness.stopAndClose();

        assertEquals(1, harness.api.ackTargets().size());
        assertEquals(List.of(), pollErrors());
    }

    // ----- poll errors

    @Test
    void rateLimitedPollWaitsRetryAfter() throws Exception {
        harness.api.scriptPoll(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                + "\"parameters\":{\"retry_after\":1}}"));
        harness.api.addText(1, 1, 1, "after the wait");
        startAndAnswer(1);

        assertEquals(List.of(pollError("telegram getUpdates returned error: Too Many Requests: retry after 1")), pollErrors());
        List<Long> times = harness.api.pollTimes();
        assertTrue(Duration.ofNanos(times.get(1) - times.get(0)).toMillis() >= 1000 - 50,
                "the second poll came " + Duration.ofNanos(times.get(1) - times.get(0)) + " after the 429");
    }

    @Test
    void conflictIsReportedWithTelegramsDescription() throws Exception {
        harness.api.scriptPoll(json(409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other "
                + "getUpdates request; make sure that only one bot instance is running\"}"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("telegram getUpdates returned error: Conflict: terminated by other getUpdates "
                + "request; make sure that only one bot instance is running")), pollErrors());
    }

    @Test
    void unauthorizedIsReportedWithTelegramsDescription() throws Exception {
        harness.api.scriptPoll(json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("telegram getUpdates returned error: Unauthorized")), pollErrors());
    }

    @Test
    void okFalseWithoutDescriptionIsAnUnknownTelegramError() throws Exception {
        harness.api.scriptPoll(json(200, "{\"ok\":false}"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("telegram getUpdates returned error: unknown telegram error")), pollErrors());
    }

    @Test
    void serverErrorBurstIsReportedWithGrowingWaitsAndPollingRecovers() throws Exception {
        for (int i = 0; i < 2; i++) {
            harness.api.scriptPoll(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                    .body("<html>Bad Gateway</html>").build());
        }
        harness.api.addText(1, 1, 1, "recovered");
        EchoSink sink = startAndAnswer(1);

        String error = pollError("telegram getUpdates failed: http_status=502");
        assertEquals(List.of(error, error), pollErrors());
        assertEquals(List.of("recovered"), publishedTexts(sink));
        List<Long> times = harness.api.pollTimes();
        assertTrue(Duration.ofNanos(times.get(1) - times.get(0)).toMillis() >= 500 - 50);
        assertTrue(Duration.ofNanos(times.get(2) - times.get(1)).toMillis() >= 1000 - 50);
    }

    @Test
    void malformedJsonIsADecodeError() throws Exception {
        harness.api.scriptPoll(json(200, "{\"ok\":true,\"result\":[{\"update_id\":"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("failed to decode telegram getUpdates payload")), pollErrors());
    }

    @Test
    void resultThatIsNotAListOfUpdatesIsADecodeError() throws Exception {
        harness.api.scriptPoll(json(200, "{\"ok\":true,\"result\":[{\"message\":{}}]}"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("failed to decode telegram getUpdates payload")), pollErrors());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ok\":true,\"result\":{\"update_id\":1}}",
        "{\"ok\":true,\"result\":null}",
        "{\"ok\":true}",
        "{\"ok\":true,\"result\":[null]}",
        "{\"ok\":true,\"result\":[[1]]}",
        "{\"ok\":true,\"result\":[{\"update_id\":\"5\"}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":null}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":1.5}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":1.0}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":9223372036854775808}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":1},{\"update_id\":true}]}",
        "{\"ok\":true,\"result\":[{\"update_id\":1,\"message\":{\"text\":\"cut",
        "[{\"update_id\":1}]",
        ""})
    void answerWithoutAListOfUpdatesWithIntegralIdsIsADecodeError(String body) throws Exception {
        harness.api.scriptPoll(json(200, body));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("failed to decode telegram getUpdates payload")), pollErrors());
    }

    @Test
    void updateIdsUpToTheLargestLongAreAccepted() throws Exception {
        long id = Long.MAX_VALUE - 1;
        harness.api.addText(id, 5, 5, "near the end");
        EchoSink sink = startAndAnswer(1);

        assertEquals(Optional.of(Long.toString(id)), sink.published().get(0).messageId());
    }

    @Test
    void textWithEscapedSurrogatePairsAndRawUnicodeIsPublishedDecoded() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"message\":{\"chat\":{\"id\":5},\"text\":\"smile \\ud83d\\ude00 "
                + "\uD83D\uDE00 caf\\u00e9 \u4e2d \\\"quoted\\\"\"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(List.of("smile \uD83D\uDE00 \uD83D\uDE00 caf\u00e9 \u4e2d \"quoted\""), publishedTexts(sink));
        assertEquals("{\"chat_id\":\"5\",\"text\":\"echo: smile \uD83D\uDE00 \uD83D\uDE00 caf\u00e9 \u4e2d \\\"quoted\\\"\"}",
                harness.api.sendBodies().get(0));
    }

    @Test
    void nullTextFallsBackToTheCaptionAndNullChatSkipsTheUpdate() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"message\":{\"from\":null,\"chat\":{\"id\":null},\"text\":\"no chat\"}}");
        harness.api.addUpdate(2, "{\"update_id\":2,\"message\":{\"from\":null,\"chat\":{\"id\":6},\"text\":null,"
                + "\"caption\":\"captioned\"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(new InboundMessage("telegram", "6", "6", "captioned", Optional.of("2")), sink.published().get(0));
        await("the commit", () -> storedOffsetIs(3));
    }

    @Test
    void chatIdsBeyondTheLongRangeAndStringIdsArePublishedAsTheirDigits() throws Exception {
        harness.api.addUpdate(1, "{\"update_id\":1,\"message\":{\"from\":{\"id\":\"user-7\"},\"chat\":{\"id\":"
                + "123456789012345678901234567890},\"text\":\"big\"}}");
        EchoSink sink = startAndAnswer(1);

        assertEquals(new InboundMessage("telegram", "user-7", "123456789012345678901234567890", "big", Optional.of("1")),
                sink.published().get(0));
    }

    @Test
    void unreachableApiIsAnIoError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        harness.environment.put(TelegramSettings.API_BASE, "http://127.0.0.1:" + closedPort);
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        String line = pollErrors().get(0);
        assertTrue(line.startsWith("{\"channel\":\"telegram\",\"error\":\"telegram getUpdates failed: io_error=ConnectException: "),
                line);
        assertFalse(line.contains(SECRET_PART), line);
    }

    @Test
    void tokenInTelegramsDescriptionIsShownAsRedacted() throws Exception {
        harness.api.scriptPoll(json(404, "{\"ok\":false,\"description\":\"Not Found: /bot" + TOKEN + "/getUpdates\"}"));
        harness.start(EchoSink.processingAll());
        await("the error", () -> !pollErrors().isEmpty());

        assertEquals(List.of(pollError("telegram getUpdates returned error: Not Found: /bot<redacted>/getUpdates")),
                pollErrors());
    }

    // ----- stopping

    @Test
    void stopReceivingCancelsABlockedLongPollAtOnce() throws Exception {
        harness.environment.put(TelegramSettings.POLL_TIMEOUT_SECS, "30");
        TelegramChannel channel = harness.start(EchoSink.processingAll());
        await("the long poll", () -> !harness.api.pollTargets().isEmpty());
        Thread poller = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(TelegramChannel.POLLER_THREAD) && thread.isAlive())
                .findFirst().orElseThrow();

        channel.stopReceiving();
        poller.join(Duration.ofSeconds(5).toMillis());

        assertFalse(poller.isAlive());
        assertEquals(1, harness.api.pollTargets().size());
        assertEquals(List.of(), pollErrors());
    }

    @Test
    void closeIsIdempotent() throws Exception {
        harness.api.addText(10, 1, 1, "one");
        startAndAnswer(1);
        harness.stopAndClose();
        harness.stopAndClose();

        assertEquals(1, harness.api.ackTargets().size());
    }
}
