package dev.rustypinch.distribution.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.distribution.FileModes;
import dev.rustypinch.distribution.UnitSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Telegram worker of the built distribution inside the units' sandbox ({@link UnitSandbox}, SPEC §21): the JVM
 * starts, loads its plugins, answers one message against the fake Bot API and leaves only private files.
 */
class TelegramSandboxIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void aTelegramWorkerAnswersInsideTheUnitsProcAndDev() throws Exception {
        answersOneMessage(UnitSandbox.procAndDev());
    }

    @Test
    void aTelegramWorkerAnswersUnderTheUnitsSystemCallFilter() throws Exception {
        answersOneMessage(UnitSandbox.procAndDevAndSystemCallFilter(workDir));
    }

    private void answersOneMessage(String script) throws Exception {
        FakeBotApi api = FakeBotApi.start(WorkerEnv.TOKEN);
        try {
            api.addText(701, 111, 111, "hello");
            try (WorkerProcess worker = WorkerProcess.launchThrough(UnitSandbox.UNSHARE, script, workDir,
                    new WorkerEnv(api.apiBase()), "channels", "telegram", "--max-messages", "1")) {
                assertTrue(worker.waitFor(LIMIT), worker::toString);
                assertEquals(0, worker.exitCode(), worker::toString);
                assertTrue(worker.events("channel_stop").get(0).contains("\"reason\":\"max_messages\""), worker::toString);
            }
            assertEquals(List.of("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages."), api.textsTo("111"));
        } finally {
            api.close();
        }
        assertEquals(Map.of(), FileModes.notPrivate(FileModes.under(workDir.resolve("data"))));
    }
}
