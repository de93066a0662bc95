package dev.rustypinch.distribution.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.distribution.FileModes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code channels whatsapp} of the built distribution as a child process under {@code umask 022} against a Jetty
 * bridge on loopback (SPEC §21): everything it leaves under the data directory is private.
 */
class WhatsAppFileModesIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String HELLO = "{\"type\":\"message\",\"id\":\"m1\",\"from\":\"alice\",\"content\":\"hello\"}";

    @TempDir
    Path work;

    @Test
    void aWhatsAppWorkerLeavesOnlyPrivateDirectoriesAndFiles() throws Exception {
        try (BridgeServer bridge = BridgeServer.start()) {
            bridge.onOpen = peer -> peer.send(HELLO);
            Path envFile = new WorkerRun(work, bridge.url()).writeEnvFile();
            try (LauncherProcess worker = LauncherProcess.startUnderUmask(work, envFile, "channels", "whatsapp", "--max-messages", "1")) {
                assertEquals(OptionalInt.of(0), worker.awaitExit(LIMIT), worker::stderr);
            }
            assertTrue(bridge.nextFrame().contains("\"to\":\"alice\""));
        }

        Map<String, String> modes = FileModes.under(work.resolve("data"));
        assertTrue(modes.keySet().containsAll(List.of("sessions/", "sessions/whatsapp_alice.jsonl", "telemetry/", "telemetry/latest.json")),
                modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }
}
