package dev.rustypinch.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.SessionEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines beyond Jackson's default 20,000,000-character string limit (repeated session_tail replies grow that big). */
class LargeSessionLineTest {
    @TempDir
    Path dataDir;

    @Test
    void aContentLongerThanJacksonsDefaultLimitStillLoads() throws Exception {
        SessionStore store = new SessionStore(dataDir);
        String huge = "x".repeat(21_000_000);
        store.appendTurn("big", new SessionEntry("user", "/tool session_tail", "2026-01-01T00:00:00+00:00"),
                new SessionEntry("assistant", huge, "2026-01-01T00:00:00+00:00"));
        List<SessionEntry> loaded = store.load("big");
        assertEquals(2, loaded.size());
        assertEquals(huge.length(), loaded.get(1).content().length());
    }
}
