package dev.rustypinch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process without plugins: exit codes, texts, and that diagnostics create no state (SPEC §1, §3, §4). */
class MainTest {
    @TempDir
    Path work;

    record Result(int code, String out, String err) {
    }

    private Result run(String env, String... args) throws IOException {
        Path envFile = work.resolve("test.env");
        Files.writeString(envFile, "RUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n" + env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void diagnosticsOnAnEmptyDirectoryCreateNothing() throws Exception {
        assertEquals(0, run("", "doctor").code());
        assertEquals(0, run("", "stats").code());
        assertEquals(0, run("", "session").code());
        assertEquals(0, run("", "tools", "list").code());
        assertEquals(0, run("", "plugins", "list").code());
        assertFalse(Files.exists(work.resolve("data")));
    }

    @Test
    void emptySessionPrintsAnEmptyArray() throws Exception {
        assertEquals("[]\n", run("", "session", "--session", "nobody").out());
    }

    @Test
    void doctorWarnsAboutACorruptTelemetryFileAndNeverMovesIt() throws Exception {
        Path telemetry = Files.createDirectories(work.resolve("data/telemetry")).resolve("latest.json");
        Files.writeString(telemetry, "{not json");
        Result doctor = run("RUSTY_PINCH_PROVIDER=local\n", "doctor");
        assertEquals(0, doctor.code());
        assertTrue(doctor.out().contains("\n- Telemetry file ./data/telemetry/latest.json is corrupt: "), doctor.out());
        assertTrue(Files.exists(telemetry));
        assertEquals(1, run("RUSTY_PINCH_PROVIDER=local\n", "doctor", "--strict").code());
    }

    @Test
    void statsShowsDefaultsWithAWarningOnACorruptFile() throws Exception {
        Path telemetry = Files.createDirectories(work.resolve("data/telemetry")).resolve("latest.json");
        Files.writeString(telemetry, "[]");
        Result stats = run("", "stats");
        assertEquals(0, stats.code());
        JsonNode json = new ObjectMapper().readTree(stats.out());
        assertEquals(0, json.get("telemetry").get("total_turns").asLong());
        assertEquals("[]", Files.readString(telemetry));
    }

    @Test
    void warningsComeInSpecOrder() throws Exception {
        Result doctor = run("RUSTY_PINCH_PROVIDER=vllm\nRUSTY_PINCH_MODEL=\nRUSTY_PINCH_REQUEST_TIMEOUT_SECS=0\n"
                + "RUSTY_PINCH_RETRY_BACKOFF_MS=5000\nRUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=yes\nRUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT=Bogus\n", "doctor");
        String expected = String.join("\n",
                "status: warning",
                "- RUSTY_PINCH_MODEL is empty",
                "- Provider 'vllm' requires API key but none was found",
                "- Provider 'vllm' requires API base but none was found",
                "- RUSTY_PINCH_REQUEST_TIMEOUT_SECS should be > 0",
                "- RUSTY_PINCH_RETRY_MAX_BACKOFF_MS should be >= RUSTY_PINCH_RETRY_BACKOFF_MS",
                "- Telegram channel enabled but RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is missing",
                "- WhatsApp channel enabled but RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is missing",
                "- Provider 'vllm' is not provided by any loaded plugin",
                "- Telegram channel enabled but no loaded plugin provides channel 'telegram'",
                "- WhatsApp channel enabled but no loaded plugin provides channel 'whatsapp'",
                "- RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got 'bogus')",
                "- Telegram channel enabled with an empty allowlist: anyone who finds the bot can use it",
                "- WhatsApp channel enabled with an empty allowlist: anyone who can message the bridge account is answered",
                "runtime_version: 1.0.0");
        assertTrue(doctor.out().contains(expected), doctor.out());
    }

    @Test
    void whatsappSchemeAndNanobotTokenAreWarnedAboutWhenEnabled() throws Exception {
        Result doctor = run("RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=http://x\nRUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT=nanobot\n", "doctor");
        assertTrue(doctor.out().contains("- RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://\n"
                + "- WhatsApp nanobot dialect selected but RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN is missing\n"), doctor.out());
    }

    @Test
    void emptyPluginsDirectoryIsReported() throws Exception {
        assertEquals("no plugins found in " + work.resolve("plugins") + "\n", run("", "plugins", "list").out());
        assertEquals("no tools loaded; see 'rusty-pinch plugins list'\n", run("", "tools", "list").out());
    }

    @Test
    void aProviderWithoutPluginFailsTheTurn() throws Exception {
        Result run = run("RUSTY_PINCH_PROVIDER=openai\nRUSTY_PINCH_API_KEY=sk-secret-value\n", "run", "--message", "hi");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("Error: request_id=rp-"));
        assertTrue(run.err().contains(": provider 'openai' is not implemented yet in rusty-pinch runtime (attempts=0, latency_ms="));
        assertFalse(run.err().contains("sk-secret-value"));
    }

    @Test
    void telegramPreconditionsInOrder() throws Exception {
        Result disabled = run("", "channels", "telegram");
        assertEquals(1, disabled.code());
        assertEquals("Error: telegram channel is disabled; set RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n", disabled.err());
        assertEquals("Error: RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is required when telegram channel is enabled\n",
                run("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n", "channels", "telegram").err());
        assertEquals("Error: channel 'telegram' is not available: no loaded plugin provides it; see 'rusty-pinch plugins list'\n",
                run("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\nRUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=1:x\n", "channels", "telegram").err());
    }

    @Test
    void whatsappPreconditionsInOrder() throws Exception {
        assertEquals("Error: whatsapp channel is disabled; set RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true\n",
                run("", "channels", "whatsapp").err());
        String enabled = "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true\n";
        assertEquals("Error: RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is required when whatsapp channel is enabled\n",
                run(enabled, "channels", "whatsapp").err());
        assertEquals("Error: RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://\n",
                run(enabled + "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=http://x\n", "channels", "whatsapp").err());
        assertEquals("Error: RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got 'x')\n",
                run(enabled + "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://x\nRUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT=x\n",
                        "channels", "whatsapp").err());
        assertEquals("Error: channel 'whatsapp' is not available: no loaded plugin provides it; see 'rusty-pinch plugins list'\n",
                run(enabled + "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=wss://x\n", "channels", "whatsapp").err());
    }

    @Test
    void webPreconditionsInOrder() throws Exception {
        assertEquals("Error: web channel is disabled; set RUSTY_PINCH_CHANNELS_WEB_ENABLED=true\n", run("", "channels", "web").err());
        String enabled = "RUSTY_PINCH_CHANNELS_WEB_ENABLED=true\n";
        Result noToken = run(enabled + "RUSTY_PINCH_CHANNELS_WEB_TOKEN=  \n", "channels", "web");
        assertEquals(1, noToken.code());
        assertEquals("Error: web channel requires RUSTY_PINCH_CHANNELS_WEB_TOKEN\n", noToken.err());
        Result missingPlugin = run(enabled + "RUSTY_PINCH_CHANNELS_WEB_TOKEN=web-secret\n", "channels", "web", "--max-messages", "1");
        assertEquals("Error: channel 'web' is not available: no loaded plugin provides it; see 'rusty-pinch plugins list'\n",
                missingPlugin.err());
        assertFalse(missingPlugin.err().contains("web-secret"));
    }

    @Test
    void webWarningsNameTheMissingTokenThenAListenHostWithoutTls() throws Exception {
        Result doctor = run("RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_CHANNELS_WEB_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_WEB_LISTEN=0.0.0.0:8787\n", "doctor");
        assertTrue(doctor.out().contains("status: warning\n"
                + "- Web channel enabled but RUSTY_PINCH_CHANNELS_WEB_TOKEN is missing\n"
                + "- Web channel listens on 0.0.0.0 without TLS; put it behind a TLS proxy\n"
                + "runtime_version: "), doctor.out());
    }

    @Test
    void webOnLoopbackWithATokenGivesNoWarning() throws Exception {
        for (String listen : new String[] {"127.0.0.1:0", "localhost:8787", "[::1]:8787", "127.9.9.9:1"}) {
            Result doctor = run("RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_CHANNELS_WEB_ENABLED=true\n"
                    + "RUSTY_PINCH_CHANNELS_WEB_TOKEN=t\nRUSTY_PINCH_CHANNELS_WEB_LISTEN=" + listen + "\n", "doctor");
            assertFalse(doctor.out().contains("- Web channel"), listen + "\n" + doctor.out());
        }
    }

    @Test
    void aDisabledWebChannelIsNotWarnedAbout() throws Exception {
        Result doctor = run("RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_CHANNELS_WEB_LISTEN=example.org:80\n", "doctor");
        assertFalse(doctor.out().contains("- Web channel"), doctor.out());
    }

    @Test
    void usageErrorsExitTwoAndHelpExitsZero() throws Exception {
        assertEquals(2, run("", "bogus").code());
        assertEquals(2, run("", "run").code());
        assertEquals(2, run("", "channels", "telegram", "--max-messages", "0").code());
        assertTrue(run("", "channels", "telegram", "--max-messages", "0").err().contains("value must be >= 1"));
        Result help = run("", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("doctor"));
    }

    @Test
    void versionPrintsTheRuntimeVersionWithoutReadingSettings() {
        for (String flag : new String[] {"--version", "-V"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {flag}, Map.of("RUSTY_PINCH_ENV_FILE", work.resolve("missing.env").toString()), work, null,
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, flag);
            assertEquals("rusty-pinch " + RuntimeVersion.get() + "\n", out.toString(StandardCharsets.UTF_8), flag);
            assertEquals("", err.toString(StandardCharsets.UTF_8), flag);
        }
    }

    @Test
    void envFileThatIsMissingIsFatal() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = work.resolve("missing.env");
        int code = Main.run(new String[] {"doctor"}, Map.of("RUSTY_PINCH_ENV_FILE", " " + missing + " "), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Error: failed loading RUSTY_PINCH_ENV_FILE from " + missing + "\n\nCaused by:\n    "), text);
    }

    @Test
    void dotEnvInTheWorkingDirectoryIsReadWhenNoEnvFileIsNamed() throws Exception {
        Files.writeString(work.resolve(".env"), "RUSTY_PINCH_PROVIDER=offline\nRUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"doctor"}, Map.of(), work, null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("provider: offline\n"));
    }
}
