package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code channels telegram} run in-process through {@code Main.run} with the distribution's plugins, the local
 * provider and a stateful fake Bot API (SPEC §12, §17.2 items 40 and 41).
 */
class TelegramWorkerIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?\\+00:00";
    private static final String ALLOWED_UPDATES = "%5B%22message%22%2C%22edited_message%22%5D";

    @TempDir
    Path workDir;

    private FakeBotApi api;

    @BeforeEach
    void startFakeBotApi() throws IOException {
        api = FakeBotApi.start(WorkerEnv.TOKEN);
    }

    @AfterEach
    void stopFakeBotApi() {
        api.close();
    }

    private InProcessCli.Result worker(WorkerEnv env, int maxMessages) throws Exception {
        return InProcessCli.run(workDir, env, LIMIT, "channels", "telegram", "--max-messages", Integer.toString(maxMessages));
    }

    private InProcessCli.Result worker(int maxMessages) throws Exception {
        return worker(new WorkerEnv(api.apiBase()), maxMessages);
    }

    /** Two messages in chat 111, answered by {@code --max-messages 2}. */
    private InProcessCli.Result answerTwo() throws Exception {
        api.addText(501, 111, 111, "hello");
        api.addText(502, 111, 111, "how are you?");
        InProcessCli.Result result = worker(2);
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    private static String localReply(String text, int history) {
        return "[Rusty Pinch:local:test-model] Received '" + text + "'. history=" + history + " messages.";
    }

    private JsonNode telemetry() throws IOException {
        return FakeBotApi.JSON.readTree(workDir.resolve("data/telemetry/latest.json").toFile());
    }

    @Test
    void bothMessagesAreAnsweredInOrder() throws Exception {
        answerTwo();

        assertEquals(List.of(localReply("hello", 0), localReply("how are you?", 2)), api.textsTo("111"));
        assertEquals(List.of(), api.unexpected());
    }

    @Test
    void startEventIsExactAndFirst() throws Exception {
        InProcessCli.Result result = answerTwo();

        assertEquals("{\"allow_from_count\":0,\"channel\":\"telegram\",\"event\":\"channel_start\",\"max_messages\":2,"
                + "\"poll_interval_ms\":20,\"poll_timeout_secs\":2}", result.events().get(0), result::toString);
    }

    @Test
    void stopEventNamesMaxMessagesAndIsLast() throws Exception {
        InProcessCli.Result result = answerTwo();

        List<String> events = result.events();
        assertEquals("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}",
                events.get(events.size() - 1), result::toString);
        assertEquals(1, result.events("channel_stop").size(), result::toString);
    }

    @Test
    void eachMessageWritesOneOkTurnEvent() throws Exception {
        InProcessCli.Result result = answerTwo();

        List<String> turns = result.events("turn");
        assertEquals(2, turns.size(), result::toString);
        for (String turn : turns) {
            JsonNode json = FakeBotApi.JSON.readTree(turn);
            assertEquals("telegram:111", json.path("session_id").asText(), turn);
            assertEquals("ok", json.path("status").asText(), turn);
            assertEquals("provider", json.path("path").asText(), turn);
        }
    }

    @Test
    void offsetFileIsCommittedPastBothUpdates() throws Exception {
        answerTwo();

        String offset = Files.readString(workDir.resolve("data/channels/telegram/offset.json"), UTF_8);
        assertTrue(Pattern.matches("\\{\"bot_id\":\"123456\",\"offset\":503,\"updated_at\":\"" + TIMESTAMP + "\"}\n", offset),
                offset);
    }

    @Test
    void committedOffsetIsAcknowledgedBeforeExit() throws Exception {
        answerTwo();

        assertEquals(List.of("/bot" + WorkerEnv.TOKEN + "/getUpdates?offset=503&timeout=0&limit=1"), api.ackTargets());
    }

    @Test
    void firstPollStartsAtOffsetZeroAndAsksForMessagesAndEdits() throws Exception {
        answerTwo();

        assertEquals("/bot" + WorkerEnv.TOKEN + "/getUpdates?timeout=2&offset=0&allowed_updates=" + ALLOWED_UPDATES,
                api.pollTargets().get(0));
    }

    @Test
    void telemetryCountsBothTurnsAndTheBusTraffic() throws Exception {
        answerTwo();

        JsonNode telemetry = telemetry();
        assertEquals(2, telemetry.path("total_turns").asLong());
        assertEquals(2, telemetry.path("ok_turns").asLong());
        assertEquals(0, telemetry.path("error_turns").asLong());
        assertEquals(2, telemetry.path("provider_turns").asLong());
        assertEquals("telegram:111", telemetry.path("last_turn").path("session_id").asText());
        JsonNode bus = telemetry.path("bus");
        assertEquals(2, bus.path("published").asLong(), bus::toString);
        assertEquals(2, bus.path("consumed").asLong(), bus::toString);
        assertEquals(0, bus.path("dropped").asLong(), bus::toString);
        assertEquals(0, bus.path("workers").size(), "a graceful stop removes the worker entry: " + bus);
    }

    @Test
    void sessionFileOfTheChatHoldsBothTurns() throws Exception {
        answerTwo();

        List<String> lines = Files.readAllLines(workDir.resolve("data/sessions/telegram_111.jsonl"), UTF_8);
        assertEquals(4, lines.size(), lines::toString);
        List<String> roles = List.of("user", "assistant", "user", "assistant");
        List<String> contents = List.of("hello", localReply("hello", 0), "how are you?", localReply("how are you?", 2));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode entry = FakeBotApi.JSON.readTree(lines.get(i));
            assertEquals(roles.get(i), entry.path("role").asText(), lines.get(i));
            assertEquals(contents.get(i), entry.path("content").asText(), lines.get(i));
        }
    }

    @Test
    void secondRunOnTheSameDataDirectoryAnswersOnlyNewUpdates() throws Exception {
        answerTwo();
        int pollsOfFirstRun = api.pollTargets().size();
        api.addText(503, 111, 111, "third");

        InProcessCli.Result second = worker(1);

        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(List.of(localReply("hello", 0), localReply("how are you?", 2), localReply("third", 4)),
                api.textsTo("111"));
        assertEquals("/bot" + WorkerEnv.TOKEN + "/getUpdates?timeout=2&offset=503&allowed_updates=" + ALLOWED_UPDATES,
                api.pollTargets().get(pollsOfFirstRun));
        assertEquals(1, second.events("turn").size(), second::toString);
    }

    @Test
    void allowlistAdmitsListedSendersAndChatsOnlyThroughTheWholeStack() throws Exception {
        api.addText(701, 777, 777, "from a listed user");
        api.addText(702, 999, 999, "from a stranger");
        api.addBotText(703, 777, 888, "from a bot");
        api.addText(704, -100500, 999, "in a listed group");
        WorkerEnv env = new WorkerEnv(api.apiBase()).set("RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM", "777, -100500");

        InProcessCli.Result result = worker(env, 2);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(localReply("from a listed user", 0)), api.textsTo("777"));
        assertEquals(List.of(localReply("in a listed group", 0)), api.textsTo("-100500"));
        assertEquals(List.of(), api.textsTo("999"));
        assertEquals(2, api.sends().size());
        assertTrue(result.events().get(0).startsWith("{\"allow_from_count\":2,"), result::toString);
        assertFalse(Files.exists(workDir.resolve("data/sessions/telegram_999.jsonl")), "a stranger's message was recorded");
        assertTrue(Files.readString(workDir.resolve("data/channels/telegram/offset.json"), UTF_8).contains("\"offset\":705"));
    }

    @Test
    void failedTurnRepliesWithTheErrorAndItsRequestId() throws Exception {
        api.addText(801, 111, 111, "/tool nope");

        InProcessCli.Result result = worker(1);

        assertEquals(0, result.exitCode(), result::toString);
        List<String> texts = api.textsTo("111");
        assertEquals(1, texts.size(), texts::toString);
        assertTrue(Pattern.matches("Rusty Pinch error: request_id=rp-[0-9a-f]+-[0-9a-f]+: "
                + "unknown tool 'nope'\\. available: model_info, session_tail, time_now", texts.get(0)), texts.get(0));
        JsonNode turn = FakeBotApi.JSON.readTree(result.events("turn").get(0));
        assertEquals("error", turn.path("status").asText());
        assertTrue(texts.get(0).contains(turn.path("request_id").asText()), "the reply names the turn's request id");
        assertEquals("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}",
                result.events("channel_stop").get(0));
    }

    @Test
    void tokenNeverAppearsInOutputOrStoredFiles() throws Exception {
        InProcessCli.Result result = answerTwo();

        assertFalse(result.stdout().contains(WorkerEnv.SECRET_PART), result::toString);
        assertFalse(result.stderr().contains(WorkerEnv.SECRET_PART), result::toString);
        try (var files = Files.walk(workDir.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, UTF_8).contains(WorkerEnv.SECRET_PART), file.toString());
            }
        }
    }
}
