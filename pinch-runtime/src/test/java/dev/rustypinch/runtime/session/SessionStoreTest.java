package dev.rustypinch.runtime.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class SessionStoreTest {
    private static final String T1 = Timestamps.format(Instant.parse("2026-02-20T10:11:12.123456Z"));
    private static final String T2 = Timestamps.format(Instant.parse("2026-02-20T10:11:13Z"));

    @TempDir
    Path dataDir;

    private final Logger logger = mock(Logger.class);

    private SessionStore store() {
        return new SessionStore(dataDir, () -> logger);
    }

    private Path sessionFile(String name) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("sessions"));
        return dir.resolve(name);
    }

    private static SessionEntry user(String content) {
        return new SessionEntry("user", content, T1);
    }

    private static SessionEntry assistant(String content) {
        return new SessionEntry("assistant", content, T2);
    }

    private static final String HELLO_LINE =
            "{\"role\":\"user\",\"content\":\"hello\",\"timestamp\":\"2026-02-20T10:11:12.123456+00:00\"}\n";
    private static final String HI_LINE =
            "{\"role\":\"assistant\",\"content\":\"hi\",\"timestamp\":\"2026-02-20T10:11:13+00:00\"}\n";

    @Test
    void createdDataAndSessionsDirectoriesAndSessionFilesArePrivate() throws Exception {
        Path data = dataDir.resolve("fresh");
        new SessionStore(data, () -> logger).appendTurn("demo", user("hello"), assistant("hi"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sessions"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sessions/demo.jsonl"))));
    }

    @Test
    void anExistingSessionFileKeepsItsMode() throws Exception {
        Path file = Files.writeString(sessionFile("demo.jsonl"), HELLO_LINE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        store().appendTurn("demo", user("hello"), assistant("hi"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void sanitiseKeepsAsciiLettersDigitsDashAndUnderscore() {
        assertEquals("Az09-_", SessionStore.sanitise("Az09-_"));
    }

    @Test
    void sanitiseReplacesEachOtherCodePointWithOneUnderscore() {
        assertEquals("caf_", SessionStore.sanitise("caf\u00e9"));
        assertEquals("a_b", SessionStore.sanitise("a\ud83d\ude00b"));
        assertEquals("___", SessionStore.sanitise(" /."));
    }

    @Test
    void dotColonAndUnderscoreShareAFile() {
        SessionStore store = store();
        Path expected = dataDir.resolve("sessions").resolve("a_b.jsonl");
        assertEquals(expected, store.fileFor("a.b"));
        assertEquals(expected, store.fileFor("a:b"));
        assertEquals(expected, store.fileFor("a_b"));
    }

    @Test
    void telegramNegativeChatIdKeepsTheMinus() {
        assertEquals(dataDir.resolve("sessions").resolve("telegram_-100.jsonl"), store().fileFor("telegram:-100"));
    }

    @Test
    void missingFileIsAnEmptyHistoryAndCreatesNothing() throws Exception {
        assertEquals(List.of(), store().load("demo"));
        assertFalse(Files.exists(dataDir.resolve("sessions")));
    }

    @Test
    void appendWritesBothLinesInFieldOrder() throws Exception {
        store().appendTurn("demo", user("hello"), assistant("hi"));
        assertEquals(HELLO_LINE + HI_LINE, Files.readString(dataDir.resolve("sessions/demo.jsonl")));
    }

    @Test
    void appendEscapesContent() throws Exception {
        store().appendTurn("demo", user("a \"q\"\n\u0001/\u00e9"), assistant("[tool:time_now]\nx"));
        String text = Files.readString(dataDir.resolve("sessions/demo.jsonl"));
        assertTrue(text.startsWith("{\"role\":\"user\",\"content\":\"a \\\"q\\\"\\n\\u0001/\u00e9\",\"timestamp\""), text);
        assertTrue(text.contains("\"content\":\"[tool:time_now]\\nx\""), text);
    }

    @Test
    void loadReturnsWhatWasAppended() throws Exception {
        SessionStore store = store();
        store.appendTurn("telegram:-100", user("caf\u00e9 \ud83d\ude00\n"), assistant("hi"));
        store.appendTurn("telegram:-100", user("two"), assistant("deux"));
        assertEquals(List.of(user("caf\u00e9 \ud83d\ude00\n"), assistant("hi"), user("two"), assistant("deux")),
                store.load("telegram:-100"));
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        Files.writeString(sessionFile("demo.jsonl"), "\n" + HELLO_LINE + "  \n\r\n" + HI_LINE + "\n");
        assertEquals(List.of(user("hello"), assistant("hi")), store().load("demo"));
        verifyNoInteractions(logger);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Files.writeString(sessionFile("demo.jsonl"),
                "{\"role\":\"user\",\"content\":\"hello\",\"timestamp\":\"" + T1 + "\",\"extra\":1}\n");
        assertEquals(List.of(user("hello")), store().load("demo"));
    }

    @Test
    void tornLastLineIsSkippedWithWarning() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE + HI_LINE + "{\"role\":\"user\",\"content\":\"hal");
        assertEquals(List.of(user("hello"), assistant("hi")), store().load("demo"));
        verify(logger).warn("ignoring incomplete line 3 in session file " + file);
    }

    @Test
    void tornMiddleLineIsSkippedWithWarning() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE + "{\"role\":\"assistant\",\"content\":\"h\n" + HELLO_LINE + HI_LINE);
        assertEquals(List.of(user("hello"), user("hello"), assistant("hi")), store().load("demo"));
        verify(logger).warn("ignoring incomplete line 2 in session file " + file);
    }

    @Test
    void tornLineCutInsideACharacterIsSkipped() throws Exception {
        Path file = sessionFile("demo.jsonl");
        byte[] whole = "{\"role\":\"user\",\"content\":\"caf\u00e9".getBytes(UTF_8);
        byte[] torn = Arrays.copyOf(whole, whole.length - 1);
        Files.write(file, concat(HELLO_LINE.getBytes(UTF_8), torn));
        assertEquals(List.of(user("hello")), store().load("demo"));
        verify(logger).warn("ignoring incomplete line 2 in session file " + file);
    }

    @Test
    void completeObjectWithoutClosingNewlineIsRead() throws Exception {
        Files.writeString(sessionFile("demo.jsonl"), HELLO_LINE + HI_LINE.strip());
        assertEquals(List.of(user("hello"), assistant("hi")), store().load("demo"));
        verifyNoInteractions(logger);
    }

    @Test
    void garbageLineFailsTheLoad() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE + "not json\n" + HI_LINE);
        SessionException error = assertThrows(SessionException.class, () -> store().load("demo"));
        assertEquals("failed to decode session entry in " + file, error.getMessage());
    }

    @Test
    void truncatedArrayIsNotATornLine() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE + "[1,");
        SessionException error = assertThrows(SessionException.class, () -> store().load("demo"));
        assertEquals("failed to decode session entry in " + file, error.getMessage());
    }

    @Test
    void objectWithoutStringFieldsFailsTheLoad() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, "{\"role\":1,\"content\":\"x\",\"timestamp\":\"t\"}\n");
        SessionException error = assertThrows(SessionException.class, () -> store().load("demo"));
        assertEquals("failed to decode session entry in " + file, error.getMessage());
    }

    @Test
    void objectMissingTimestampFailsTheLoad() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, "{\"role\":\"user\",\"content\":\"x\"}\n");
        assertThrows(SessionException.class, () -> store().load("demo"));
    }

    @Test
    void twoObjectsOnOneLineFailTheLoad() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE.strip() + HI_LINE);
        SessionException error = assertThrows(SessionException.class, () -> store().load("demo"));
        assertEquals("failed to decode session entry in " + file, error.getMessage());
    }

    @Test
    void invalidUtf8FailsTheLoad() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.write(file, concat(new byte[] {'{', '"', (byte) 0xff, '"'}, "\n".getBytes(UTF_8)));
        assertThrows(SessionException.class, () -> store().load("demo"));
    }

    @Test
    void unreadableSessionFileFailsWithReadError() throws Exception {
        Path file = Files.createDirectories(dataDir.resolve("sessions/demo.jsonl"));
        SessionException error = assertThrows(SessionException.class, () -> store().load("demo"));
        assertTrue(error.getMessage().equals("failed to read " + file)
                || error.getMessage().equals("failed to open session file " + file), error.getMessage());
    }

    @Test
    void appendAfterTornLineStartsOnAFreshLineAndKeepsExistingBytes() throws Exception {
        Path file = sessionFile("demo.jsonl");
        String before = HELLO_LINE + "{\"role\":\"assistant\",\"conte";
        Files.writeString(file, before);
        store().appendTurn("demo", user("hello"), assistant("hi"));
        assertEquals(before + "\n" + HELLO_LINE + HI_LINE, Files.readString(file));
        assertEquals(List.of(user("hello"), user("hello"), assistant("hi")), store().load("demo"));
    }

    @Test
    void appendAfterCompleteLineWithoutNewlineAddsOne() throws Exception {
        Path file = sessionFile("demo.jsonl");
        Files.writeString(file, HELLO_LINE.strip());
        store().appendTurn("demo", user("hello"), assistant("hi"));
        assertEquals(HELLO_LINE + HELLO_LINE + HI_LINE, Files.readString(file));
    }

    @Test
    void appendNeverRewritesExistingBytes() throws Exception {
        Path file = sessionFile("demo.jsonl");
        byte[] before = (HELLO_LINE + "\n\n  garbage that is kept\n").getBytes(UTF_8);
        Files.write(file, before);
        store().appendTurn("demo", user("hello"), assistant("hi"));
        byte[] after = Files.readAllBytes(file);
        assertArrayEquals(before, Arrays.copyOf(after, before.length));
        assertEquals(HELLO_LINE + HI_LINE, new String(after, before.length, after.length - before.length, UTF_8));
    }

    @Test
    void appendFailureNamesTheUserMessage() throws Exception {
        Files.writeString(dataDir.resolve("sessions"), "a file where the directory should be");
        SessionException error = assertThrows(SessionException.class,
                () -> store().appendTurn("demo", user("hello"), assistant("hi")));
        assertEquals("failed saving user message", error.getMessage());
        assertTrue(error.getCause() instanceof IOException);
    }

    @Test
    void interruptedThreadStillAppendsAndStaysInterrupted() throws Exception {
        Thread.currentThread().interrupt();
        try {
            store().appendTurn("demo", user("hello"), assistant("hi"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(HELLO_LINE + HI_LINE, Files.readString(dataDir.resolve("sessions/demo.jsonl")));
    }

    @Test
    void concurrentThreadsWriteWholeAdjacentPairs() throws Exception {
        SessionStore store = store();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        store.appendTurn("shared", user("u-" + id + "-" + i), assistant("a-" + id + "-" + i));
                        store.load("shared");
                    }
                } catch (SessionException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "appender-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        List<SessionEntry> entries = store.load("shared");
        assertEquals(400, entries.size());
        for (int i = 0; i < entries.size(); i += 2) {
            String userContent = entries.get(i).content();
            assertEquals("user", entries.get(i).role());
            assertEquals("a" + userContent.substring(1), entries.get(i + 1).content());
        }
        verifyNoInteractions(logger);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
