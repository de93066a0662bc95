package dev.rustypinch.runtime.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.json.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionLinesTest {
    private static final String USER = "{\"content\":\"hi\",\"role\":\"user\",\"timestamp\":\"t1\"}";
    private static final String ASSISTANT = "{\"content\":\"hello\",\"role\":\"assistant\",\"timestamp\":\"t2\"}";

    @Test
    void ordinaryLinesAreReadInOrder() {
        List<SessionEntry> entries = new ArrayList<>();
        assertTrue(parse(USER + "\n" + ASSISTANT + "\n", entries));
        assertEquals(List.of(new SessionEntry("user", "hi", "t1"), new SessionEntry("assistant", "hello", "t2")), entries);
    }

    @Test
    void blankLinesCrLfAndExtraFieldsAreFine() {
        List<SessionEntry> entries = new ArrayList<>();
        String extra = "{\"x\":[1,{\"y\":null}],\"content\":\"a\\nb\",\"role\":\"user\",\"timestamp\":\"t\",\"z\":1e999}";
        assertTrue(parse("\n  \n" + extra + "\r\n\t\n" + USER, entries));
        assertEquals(List.of(new SessionEntry("user", "a\nb", "t"), new SessionEntry("user", "hi", "t1")), entries);
    }

    @Test
    void theLastOfRepeatedKeysCounts() {
        List<SessionEntry> entries = new ArrayList<>();
        assertTrue(parse("{\"role\":1,\"content\":\"c\",\"timestamp\":\"t\",\"role\":\"user\"}\n", entries));
        assertEquals(List.of(new SessionEntry("user", "c", "t")), entries);
        assertFalse(parse("{\"role\":\"user\",\"content\":\"c\",\"timestamp\":\"t\",\"role\":1}\n", new ArrayList<>()));
    }

    @Test
    void anythingUnusualIsLeftToTheLineByLineReader() {
        for (String text : List.of(
                USER + ASSISTANT + "\n",
                "{\"content\":\"hi\",\n\"role\":\"user\",\"timestamp\":\"t1\"}\n",
                USER + "\n[1]\n",
                USER + "\n\"text\"\n",
                "{\"content\":\"hi\",\"role\":\"user\"}\n",
                "{\"content\":null,\"role\":\"user\",\"timestamp\":\"t\"}\n",
                USER + "\n{\"content\":\"to",
                USER + "\n\u00a0\n",
                "not json\n" + USER)) {
            List<SessionEntry> entries = new ArrayList<>();
            assertFalse(parse(text, entries), text);
            assertEquals(List.of(), entries, "nothing is added when it gives up");
        }
    }

    @Test
    void invalidUtf8IsLeftToTheLineByLineReader() {
        byte[] bad = (USER + "\n").getBytes(UTF_8);
        bad[15] = (byte) 0xC0;
        assertFalse(SessionLines.parse(bad, 0, bad.length, new ArrayList<>()));
        byte[] head = "{\"content\":\"".getBytes(UTF_8);
        byte[] tail = "\",\"role\":\"user\",\"timestamp\":\"t\"}\n".getBytes(UTF_8);
        byte[] encodedSurrogate = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, encodedSurrogate, 0, head.length);
        encodedSurrogate[head.length] = (byte) 0xED;
        encodedSurrogate[head.length + 1] = (byte) 0xA0;
        encodedSurrogate[head.length + 2] = (byte) 0x80;
        System.arraycopy(tail, 0, encodedSurrogate, head.length + 3, tail.length);
        assertFalse(SessionLines.parse(encodedSurrogate, 0, encodedSurrogate.length, new ArrayList<>()));
    }

    @Test
    void aRangeInsideTheContentIsRead() {
        byte[] content = ("garbage\n" + USER + "\n" + "more garbage").getBytes(UTF_8);
        List<SessionEntry> entries = new ArrayList<>();
        assertTrue(SessionLines.parse(content, 8, 8 + USER.length() + 1, entries));
        assertEquals(List.of(new SessionEntry("user", "hi", "t1")), entries);
    }

    /** Whenever the fast path answers, the answer is the one reading line by line gives. */
    @Test
    void agreesWithLineByLineReadingOnRandomSessions() {
        Random random = new Random(6);
        int answered = 0;
        for (int i = 0; i < 3_000; i++) {
            String text = randomSession(random);
            List<SessionEntry> fast = new ArrayList<>();
            if (parse(text, fast)) {
                answered++;
                assertEquals(lineByLine(text), fast, text);
            }
        }
        assertTrue(answered > 300, "the random sessions should mostly be ordinary: " + answered);
    }

    private static boolean parse(String text, List<SessionEntry> entries) {
        byte[] content = text.getBytes(UTF_8);
        return SessionLines.parse(content, 0, content.length, entries);
    }

    /** The reference: each line parsed on its own, as {@code SessionStore} does when the fast path gives up. */
    private static List<SessionEntry> lineByLine(String text) {
        List<SessionEntry> entries = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (UnicodeWhitespace.isBlank(stripped)) {
                continue;
            }
            JsonNode node;
            try {
                node = JsonText.parse(stripped);
            } catch (Exception e) {
                throw new AssertionError("the fast path accepted a line that does not parse: " + stripped, e);
            }
            JsonNode role = node.get("role");
            JsonNode content = node.get("content");
            JsonNode timestamp = node.get("timestamp");
            if (!node.isObject() || role == null || !role.isTextual() || content == null || !content.isTextual()
                    || timestamp == null || !timestamp.isTextual()) {
                throw new AssertionError("the fast path accepted an unusable line: " + stripped);
            }
            entries.add(new SessionEntry(role.textValue(), content.textValue(), timestamp.textValue()));
        }
        return entries;
    }

    private static String randomSession(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                text.append(random.nextBoolean() ? "  " : "\t");
            } else if (kind == 1) {
                text.append("{\"role\":\"user\",\"content\":").append(random.nextBoolean() ? "1" : "\"x\"");
            } else if (kind == 2) {
                text.append(random.nextBoolean() ? "[]" : "{}");
            } else if (kind == 3) {
                text.append(USER).append(random.nextBoolean() ? ASSISTANT : " ");
            } else {
                text.append("{\"timestamp\":\"").append(randomText(random)).append("\",\"extra\":{\"a\":[")
                        .append(random.nextInt()).append(",true]},\"role\":\"").append(randomText(random))
                        .append("\",\"content\":\"").append(randomText(random)).append("\"}");
            }
            text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            int pick = random.nextInt(5);
            if (pick == 0) {
                text.append("\\n\\\"\\u00e9\\\\".split("(?<=\\G..)")[random.nextInt(4)]);
            } else if (pick == 1) {
                text.appendCodePoint(0x1F600 + random.nextInt(40));
            } else if (pick == 2) {
                text.append((char) (0xA0 + random.nextInt(0x500)));
            } else {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
