package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing server is retried only after 1 s, then 2 s, 4 s, … up to 60 s (SPEC §19.3), on a controlled clock. */
class BackoffTest {
    @TempDir
    Path dir;

    @Test
    void retriesWaitOneSecondDoublingUpToSixtySeconds() throws Exception {
        Path starts = dir.resolve("starts");
        ServerSpec spec = new ServerSpec("flaky", Optional.of("/bin/sh"),
                List.of("-c", "echo started >> '" + starts + "'; exit 3"), Map.of(), Optional.empty(), Optional.empty(),
                Map.of(), Duration.ofSeconds(10), Optional.empty());
        AtomicLong now = new AtomicLong();
        try (ServerConnection server = new ServerConnection(spec, Map.of("PATH", "/usr/bin:/bin"), line -> { },
                "test", now::get)) {
            long[] waits = {1, 2, 4, 8, 16, 32, 60, 60};
            ServerConnection.Unavailable first = assertThrows(ServerConnection.Unavailable.class, server::tools);
            assertEquals("the server exited with code 3", first.getMessage());
            assertEquals(1, starts());
            for (int i = 0; i < waits.length; i++) {
                now.addAndGet(Duration.ofSeconds(waits[i]).toNanos() - 1);
                assertThrows(ServerConnection.Unavailable.class, server::tools);
                assertEquals(i + 1, starts(), "retried before " + waits[i] + " s");
                now.addAndGet(1);
                assertThrows(ServerConnection.Unavailable.class, server::tools);
                assertEquals(i + 2, starts(), "not retried after " + waits[i] + " s");
            }
        }
    }

    private long starts() throws Exception {
        return Files.exists(dir.resolve("starts")) ? Files.readAllLines(dir.resolve("starts")).size() : 0;
    }
}
