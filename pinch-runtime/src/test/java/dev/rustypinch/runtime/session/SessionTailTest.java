package dev.rustypinch.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.SessionEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTailTest {
    private static final String TS = "2026-01-01T00:00:00+00:00";

    @TempDir
    Path dataDir;

    private static SessionEntry user(String text) {
        return new SessionEntry("user", text, TS);
    }

    private static SessionEntry assistant(String text) {
        return new SessionEntry("assistant", text, TS);
    }

    private static void turns(SessionStore store, String session, int from, int to) throws SessionException {
        for (int i = from; i < to; i++) {
            store.appendTurn(session, user("u" + i), assistant("a" + i));
        }
    }

    private void appendRaw(String session, String text) throws Exception {
        Path file = new SessionStore(dataDir).fileFor(session);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void tailAgreesWithAFullLoad() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        turns(store, "s", 0, 30);
        List<SessionEntry> all = store.load("s");
        SessionTail tail = store.tail("s", 20);
        assertEquals(60, tail.total());
        assertEquals(all.subList(40, 60), tail.last());
        assertEquals(List.of(), store.tail("s", 0).last());
    }

    @Test
    void linesAppendedByAnotherWriterAreSeenIncrementally() throws Exception {
        SessionStore reader = new SessionStore(dataDir);
        SessionStore otherProcess = new SessionStore(dataDir);
        turns(otherProcess, "s", 0, 3);
        assertEquals(6, reader.tail("s", 20).total());
        turns(otherProcess, "s", 3, 5);
        SessionTail tail = reader.tail("s", 2);
        assertEquals(10, tail.total());
        assertEquals(List.of(user("u4"), assistant("a4")), tail.last());
    }

    @Test
    void missingFileIsEmpty() throws Exception {
        assertEquals(new SessionTail(0, List.of()), new SessionStore(dataDir).tail("nobody", 20));
    }

    @Test
    void tornLastLineIsSkippedAndTheNextAppendIsCountedOnce() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        turns(store, "s", 0, 1);
        assertEquals(2, store.tail("s", 20).total());
        appendRaw("s", "{\"role\":\"user\",\"cont");
        assertEquals(2, store.tail("s", 20).total());
        turns(store, "s", 1, 2);
        SessionTail tail = store.tail("s", 20);
        assertEquals(4, tail.total());
        assertEquals(store.load("s"), tail.last());
    }

    @Test
    void anUnterminatedWholeEntryCountsOnceBeforeAndAfterTheNextAppend() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        appendRaw("s", "{\"role\":\"user\",\"content\":\"hand written\",\"timestamp\":\"" + TS + "\"}");
        assertEquals(1, store.tail("s", 20).total());
        turns(store, "s", 0, 1);
        SessionTail tail = store.tail("s", 20);
        assertEquals(3, tail.total());
        assertEquals(user("hand written"), tail.last().get(0));
    }

    @Test
    void garbageAppendedLaterIsAnErrorEveryTime() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        turns(store, "s", 0, 1);
        store.tail("s", 20);
        appendRaw("s", "not json\n");
        SessionException error = assertThrows(SessionException.class, () -> store.tail("s", 20));
        assertEquals("failed to decode session entry in " + store.fileFor("s"), error.getMessage());
        assertThrows(SessionException.class, () -> store.tail("s", 20));
    }

    @Test
    void aFileReplacedByAShorterOneIsReadFromTheStart() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        turns(store, "s", 0, 5);
        assertEquals(10, store.tail("s", 20).total());
        Files.delete(store.fileFor("s"));
        turns(new SessionStore(dataDir), "s", 7, 8);
        SessionTail tail = store.tail("s", 20);
        assertEquals(2, tail.total());
        assertEquals(List.of(user("u7"), assistant("a7")), tail.last());
    }

    @Test
    void aFileReplacedByALongerOneIsReadFromTheStart() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        turns(store, "s", 0, 1);
        assertEquals(2, store.tail("s", 20).total());
        SessionStore other = new SessionStore(dataDir.resolve("other"));
        turns(other, "s", 10, 13);
        Files.move(other.fileFor("s"), store.fileFor("s"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SessionTail tail = store.tail("s", 20);
        assertEquals(6, tail.total());
        assertEquals(user("u10"), tail.last().get(0));
    }

    @Test
    void countsOutsideTheCapAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SessionStore(dataDir).tail("s", SessionStore.MAX_TAIL + 1));
    }
}
