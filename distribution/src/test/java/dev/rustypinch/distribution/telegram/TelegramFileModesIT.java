package dev.rustypinch.distribution.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.distribution.FileModes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code channels telegram} of the built distribution as a child process under {@code umask 022} against the fake Bot
 * API (SPEC §21): everything it leaves under the data directory, the offset file and its directories included, is
 * private.
 */
class TelegramFileModesIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void aTelegramWorkerLeavesOnlyPrivateDirectoriesAndFiles() throws Exception {
        FakeBotApi api = FakeBotApi.start(WorkerEnv.TOKEN);
        try {
            api.addText(601, 111, 111, "hello");
            try (WorkerProcess worker = WorkerProcess.launchUnderUmask(workDir, new WorkerEnv(api.apiBase()),
                    "channels", "telegram", "--max-messages", "1")) {
                assertTrue(worker.waitFor(LIMIT), worker::toString);
                assertEquals(0, worker.exitCode(), worker::toString);
            }
            assertEquals(1, api.textsTo("111").size());
        } finally {
            api.close();
        }

        Map<String, String> modes = FileModes.under(workDir.resolve("data"));
        assertTrue(modes.keySet().containsAll(List.of("channels/", "channels/telegram/", "channels/telegram/offset.json",
                "sessions/telegram_111.jsonl", "telemetry/latest.json")), modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }
}
