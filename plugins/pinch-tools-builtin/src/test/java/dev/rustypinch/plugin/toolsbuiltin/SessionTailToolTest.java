package dev.rustypinch.plugin.toolsbuiltin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTailToolTest {
    private final SessionTailTool tool = new SessionTailTool();

    private static List<SessionEntry> entries(int count) {
        List<SessionEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(new SessionEntry(i % 2 == 1 ? "user" : "assistant", "m" + i,
                    String.format(Locale.ROOT, "2026-02-20T10:11:%02d+00:00", i % 60)));
        }
        return entries;
    }

    private String run(String args, List<SessionEntry> history) throws ToolException {
        return tool.run(new ToolInvocation("session_tail", args, "rp-1-1"), TestToolContext.withHistory("demo", history));
    }

    private String failure(String args) {
        return assertThrows(ToolException.class, () -> run(args, entries(3))).getMessage();
    }

    private static int returned(String output) {
        String marker = "\"returned_messages\": ";
        int start = output.indexOf(marker) + marker.length();
        return Integer.parseInt(output.substring(start, output.indexOf(',', start)));
    }

    @Test
    void printsTheSpecExampleExactly() throws ToolException {
        List<SessionEntry> history = List.of(new SessionEntry("user", "hello", "2026-02-20T10:11:12.123456+00:00"));

        assertEquals("{\n"
                + "  \"messages\": [\n"
                + "    {\n"
                + "      \"content\": \"hello\",\n"
                + "      \"role\": \"user\",\n"
                + "      \"timestamp\": \"2026-02-20T10:11:12.123456+00:00\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"returned_messages\": 1,\n"
                + "  \"session_id\": \"demo\",\n"
                + "  \"total_messages\": 1\n"
                + "}", run("", history));
    }

    @Test
    void emptyHistoryGivesAnEmptyArray() throws ToolException {
        assertEquals("{\n"
                + "  \"messages\": [],\n"
                + "  \"returned_messages\": 0,\n"
                + "  \"session_id\": \"demo\",\n"
                + "  \"total_messages\": 0\n"
                + "}", run("", List.of()));
    }

    @Test
    void defaultCountIsTheLastFiveOldestFirst() throws ToolException {
        String output = run("", entries(8));

        assertEquals(5, returned(output));
        assertTrue(output.indexOf("\"m4\"") < output.indexOf("\"m8\""), output);
        assertTrue(!output.contains("\"m3\""), output);
        assertTrue(output.contains("\"total_messages\": 8"), output);
    }

    @Test
    void explicitCountSelectsTheLastMessages() throws ToolException {
        String output = run("2", entries(4));

        assertEquals(2, returned(output));
        assertTrue(output.contains("\"m3\"") && output.contains("\"m4\"") && !output.contains("\"m2\""), output);
    }

    @Test
    void countLargerThanHistoryReturnsEverything() throws ToolException {
        assertEquals(3, returned(run("10", entries(3))));
    }

    @Test
    void countIsSilentlyCappedAtFifty() throws ToolException {
        String output = run("51", entries(60));

        assertEquals(50, returned(output));
        assertTrue(output.contains("\"m11\"") && !output.contains("\"m10\""), output);
    }

    @Test
    void hugeCountWithinSixtyFourBitsIsCapped() throws ToolException {
        assertEquals(3, returned(run("18446744073709551615", entries(3))));
    }

    @Test
    void leadingPlusIsAccepted() throws ToolException {
        assertEquals(2, returned(run("+2", entries(3))));
    }

    @Test
    void zeroIsRejected() {
        assertEquals("count must be > 0", failure("0"));
    }

    @Test
    void zeroWithLeadingZerosIsRejectedAsZero() {
        assertEquals("count must be > 0", failure("00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "5 6", "+", "1.5", "18446744073709551616", "٣", "-0"})
    void nonPositiveIntegersAreRejected(String args) {
        assertEquals("count must be a positive integer", failure(args));
    }

    @Test
    void historyReadFailureNamesTheCause() {
        TestToolContext context = new TestToolContext("demo", "p", "m", Clock.systemUTC(), List.of(),
                new NoSuchFileException("data/sessions/demo.jsonl"));

        ToolException failure = assertThrows(ToolException.class,
                () -> tool.run(new ToolInvocation("session_tail", "", "rp-1-1"), context));

        assertEquals("cannot read the session history: data/sessions/demo.jsonl", failure.getMessage());
    }

    @Test
    void countIsValidatedBeforeHistoryIsRead() {
        TestToolContext context = new TestToolContext("demo", "p", "m", Clock.systemUTC(), List.of(), new IOException("disk"));

        ToolException failure = assertThrows(ToolException.class,
                () -> tool.run(new ToolInvocation("session_tail", "0", "rp-1-1"), context));

        assertEquals("count must be > 0", failure.getMessage());
    }

    @Test
    void contentIsEscapedPerSpec() throws ToolException {
        String content = "say \"hi\"\\ now\nline\r\ttab\b\f\u0001\u001f/\u007f é 😀";
        List<SessionEntry> history = List.of(new SessionEntry("user", content, "2026-02-20T10:11:12+00:00"));

        String output = run("1", history);

        assertTrue(output.contains("\"content\": \"say \\\"hi\\\"\\\\ now\\nline\\r\\ttab\\b\\f\\u0001\\u001f/\u007f é 😀\","),
                output);
    }

    @Test
    void sessionIdIsEscaped() throws ToolException {
        String output = tool.run(new ToolInvocation("session_tail", "", "rp-1-1"),
                TestToolContext.withHistory("a\"b", List.of()));

        assertTrue(output.contains("\"session_id\": \"a\\\"b\","), output);
    }

    @Test
    void describesItselfAsTheSpecLists() {
        assertEquals("session_tail", tool.name());
        assertEquals("Show latest messages from current session.", tool.description());
        assertEquals("/tool session_tail [count]", tool.usage());
    }
}
