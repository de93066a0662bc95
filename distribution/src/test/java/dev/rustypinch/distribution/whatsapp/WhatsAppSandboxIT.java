package dev.rustypinch.distribution.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.distribution.FileModes;
import dev.rustypinch.distribution.UnitSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WhatsApp worker of the built distribution inside the units' sandbox with their system call filter
 * ({@link UnitSandbox}, SPEC §21): it connects to a Jetty bridge on loopback, answers one message and leaves only
 * private files.
 */
class WhatsAppSandboxIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String HELLO = "{\"type\":\"message\",\"id\":\"m1\",\"from\":\"alice\",\"content\":\"hello\"}";

    @TempDir
    Path work;

    @Test
    void aWhatsAppWorkerAnswersUnderTheUnitsSystemCallFilter() throws Exception {
        String script = UnitSandbox.procAndDevAndSystemCallFilter(work);
        try (BridgeServer bridge = BridgeServer.start()) {
            bridge.onOpen = peer -> peer.send(HELLO);
            Path envFile = new WorkerRun(work, bridge.url()).writeEnvFile();
            try (LauncherProcess worker = LauncherProcess.startThrough(UnitSandbox.UNSHARE, script, work, envFile,
                    "channels", "whatsapp", "--max-messages", "1")) {
                assertEquals(OptionalInt.of(0), worker.awaitExit(LIMIT), worker::stderr);
            }
            assertEquals("{\"content\":\"[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.\","
                    + "\"to\":\"alice\",\"type\":\"message\"}", bridge.nextFrame());
        }
        assertEquals(Map.of(), FileModes.notPrivate(FileModes.under(work.resolve("data"))));
    }
}
