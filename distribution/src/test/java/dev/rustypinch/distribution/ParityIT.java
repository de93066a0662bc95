package dev.rustypinch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §17 parity cases that need the real default plugins, run through the real CLI in-process. */
class ParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private CliRun cli() {
        return new CliRun(work).env("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
    }

    private JsonNode telemetry() throws Exception {
        return JSON.readTree(work.resolve("data/telemetry/latest.json").toFile());
    }

    @Test
    void localTurnRepliesAndIsStored() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PROVIDER", "local").env("RUSTY_PINCH_MODEL", "test-model");
        CliRun.Result run = cli.run("run", "--session", "test-session", "--message", "hello");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Rusty Pinch"));
        assertEquals("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.\n", run.stdout());
        CliRun.Result session = cli.run("session", "--session", "test-session");
        assertEquals(0, session.exitCode());
        assertTrue(session.stdout().contains("\"content\": \"hello\""));
        JsonNode last = telemetry().get("last_turn");
        assertEquals("provider", last.get("path").asText());
        assertEquals("ok", last.get("status").asText());
        assertEquals(0, last.get("attempts").asLong());
        assertTrue(last.get("latency_ms").isNumber());
    }

    @Test
    void toolsListIsExactAndDeterministic() throws Exception {
        CliRun.Result list = cli().run("tools", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals("model_info - Show current runtime provider/model info.\n"
                + "  usage: /tool model_info\n"
                + "session_tail - Show latest messages from current session.\n"
                + "  usage: /tool session_tail [count]\n"
                + "time_now - Show current UTC timestamp in RFC3339.\n"
                + "  usage: /tool time_now\n", list.stdout());
        assertEquals(list.stdout(), cli().run("tools", "list").stdout());
    }

    @Test
    void modelInfoWorksWithoutAProviderKey() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PROVIDER", "openai");
        CliRun.Result run = cli.run("run", "--message", "/tool model_info");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("[tool:model_info]"));
        String history = cli.run("session").stdout();
        assertTrue(history.contains("/tool model_info"));
        assertTrue(history.contains("provider=openai"));
        JsonNode last = telemetry().get("last_turn");
        assertEquals("tool", last.get("path").asText());
        assertEquals("ok", last.get("status").asText());
        assertEquals("model_info", last.get("tool_name").asText());
        assertTrue(last.get("request_id").asText().startsWith("rp-"));
        assertTrue(last.has("attempts") && last.get("attempts").isNull());
        assertTrue(last.has("latency_ms") && last.get("latency_ms").isNull());
    }

    @Test
    void controlCharactersInToolArgsFailAndLeaveNoHistory() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PROVIDER", "local");
        CliRun.Result run = cli.run("run", "--message", "/tool session_tail 5\n6");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("Error: request_id="));
        assertTrue(run.stderr().contains("control characters"));
        assertFalse(cli.run("session").stdout().contains("/tool session_tail 5"));
    }

    @Test
    void toolsRunReportsTheToolsReason() throws Exception {
        CliRun.Result run = cli().run("tools", "run", "--name", "session_tail", "--args", "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains(": tool 'session_tail' execution failed: count must be > 0\n"), run.stderr());
    }

    @Test
    void telemetrySurvivesANewInstance() throws Exception {
        cli().env("RUSTY_PINCH_PROVIDER", "local").run("run", "--message", "hello");
        CliRun.Result stats = cli().run("stats");
        assertEquals(0, stats.exitCode());
        JsonNode json = JSON.readTree(stats.stdout());
        assertEquals(1, json.get("telemetry").get("total_turns").asLong());
        assertEquals(1, json.get("telemetry").get("ok_turns").asLong());
        assertEquals("provider", json.get("last_turn").get("path").asText());
        assertEquals(0, json.get("prompt_cache").get("hits").asLong());
    }

    @Test
    void doctorOnACleanEnvironmentPrintsTheParityBlockAndDefaultPlugins() throws Exception {
        CliRun.Result doctor = new CliRun(work).run("doctor");
        assertEquals(0, doctor.exitCode(), doctor.stderr());
        String plugins = CliRun.HOME.resolve("plugins").toString();
        String expected = String.join("\n",
                "Rusty Pinch Doctor",
                "provider: openrouter",
                "model: openrouter/qwen/qwen3-coder",
                "api_base: https://openrouter.ai/api/v1",
                "data_dir: ./data",
                "workspace: ./workspace",
                "telemetry_file: ./data/telemetry/latest.json",
                "request_timeout_secs: 60",
                "request_retries: 2",
                "retry_backoff_ms: 600",
                "retry_max_backoff_ms: 4000",
                "api_key_loaded: false",
                "telegram_enabled: false",
                "telegram_allow_from_count: 0",
                "whatsapp_enabled: false",
                "whatsapp_allow_from_count: 0",
                "status: warning",
                "- Provider 'openrouter' requires API key but none was found",
                "runtime_version: 1.0.0",
                "bus_capacity: 100",
                "bus_overflow: drop_oldest",
                "telegram_api_base: https://api.telegram.org",
                "whatsapp_dialect: picoclaw",
                "whatsapp_bridge_token_loaded: false",
                "telemetry_corrupt_files: 0",
                "plugins_dir: " + plugins,
                "plugins: loaded=6 failed=0 disabled=0",
                "plugin: pinch-channel-telegram 1.0.0 api=1.1 source=" + plugins + "/pinch-channel-telegram",
                "plugin: pinch-channel-web 1.0.0 api=1.1 source=" + plugins + "/pinch-channel-web",
                "plugin: pinch-channel-whatsapp 1.0.0 api=1.0 source=" + plugins + "/pinch-channel-whatsapp",
                "plugin: pinch-provider-openai 1.0.0 api=1.1 source=" + plugins + "/pinch-provider-openai",
                "plugin: pinch-tools-builtin 1.0.0 api=1.1 source=" + plugins + "/pinch-tools-builtin",
                "plugin: pinch-tools-mcp 1.0.0 api=1.1 source=" + plugins + "/pinch-tools-mcp",
                "agent_tools: -",
                "agent_max_rounds: 6",
                "mcp_servers: 0") + "\n";
        assertEquals(expected, doctor.stdout());
        assertFalse(Files.exists(work.resolve("data")), "doctor must create nothing");
    }

    @Test
    void doctorStrictExitsOneOnWarningsAndZeroWhenClean() throws Exception {
        assertEquals(1, new CliRun(work).run("doctor", "--strict").exitCode());
        CliRun clean = new CliRun(work).env("RUSTY_PINCH_PROVIDER", "local");
        CliRun.Result doctor = clean.run("doctor", "--strict");
        assertEquals(0, doctor.exitCode(), doctor.stdout());
        assertTrue(doctor.stdout().contains("\nstatus: ok\n"));
    }

    @Test
    void channelsEnabledWithoutTokenOrUrlAreWarnedAbout() throws Exception {
        CliRun.Result doctor = new CliRun(work).env("RUSTY_PINCH_PROVIDER", "local")
                .env("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "true")
                .env("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", "true").run("doctor");
        assertTrue(doctor.stdout().contains("- Telegram channel enabled but RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is missing\n"));
        assertTrue(doctor.stdout().contains("- WhatsApp channel enabled but RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is missing\n"));
    }

    @Test
    void anthropicIsWarnedAboutAndFailsAtTurnTime() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PROVIDER", "anthropic").env("RUSTY_PINCH_API_KEY", "sk-test-secret");
        assertTrue(cli.run("doctor").stdout().contains("- Provider 'anthropic' is not provided by any loaded plugin\n"));
        CliRun.Result run = cli.run("run", "--message", "hi");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("provider 'anthropic' is not implemented yet in rusty-pinch runtime (attempts=0, latency_ms="));
        assertFalse(run.stderr().contains("sk-test-secret"));
    }

    @Test
    void disabledPluginIsShownAndMissingProviderPointsToPluginsList() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PLUGINS_DISABLED", "pinch-provider-openai")
                .env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_API_KEY", "k");
        CliRun.Result list = cli.run("plugins", "list");
        assertEquals(0, list.exitCode());
        assertTrue(list.stdout().contains("pinch-provider-openai 1.0.0 api=1.1 source=" + CliRun.HOME.resolve("plugins")
                + "/pinch-provider-openai disabled\n"), list.stdout());
        CliRun.Result run = cli.run("run", "--message", "hi");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("provider 'openai' is not implemented yet in rusty-pinch runtime; "
                + "see 'rusty-pinch plugins list' (attempts=0"), run.stderr());
    }

    @Test
    void pluginsListShowsTheDefaultPlugins() throws Exception {
        CliRun.Result list = cli().run("plugins", "list");
        String plugins = CliRun.HOME.resolve("plugins").toString();
        assertEquals(List.of(
                "pinch-channel-telegram 1.0.0 api=1.1 source=" + plugins + "/pinch-channel-telegram providers=- channels=telegram tools=-",
                "pinch-channel-web 1.0.0 api=1.1 source=" + plugins + "/pinch-channel-web providers=- channels=web tools=-",
                "pinch-channel-whatsapp 1.0.0 api=1.0 source=" + plugins + "/pinch-channel-whatsapp providers=- channels=whatsapp tools=-",
                "pinch-provider-openai 1.0.0 api=1.1 source=" + plugins
                        + "/pinch-provider-openai providers=compatible,groq,openai,openrouter,vllm channels=- tools=-",
                "pinch-tools-builtin 1.0.0 api=1.1 source=" + plugins
                        + "/pinch-tools-builtin providers=- channels=- tools=model_info,session_tail,time_now",
                "pinch-tools-mcp 1.0.0 api=1.1 source=" + plugins + "/pinch-tools-mcp providers=- channels=- tools=-"),
                List.of(list.stdout().split("\n")));
    }

    @Test
    void emptySessionIdIsRefused() throws Exception {
        CliRun.Result run = cli().env("RUSTY_PINCH_PROVIDER", "local").run("run", "--session", "  ", "--message", "hi");
        assertEquals(1, run.exitCode());
        assertEquals("Error: session id must not be empty\n", run.stderr());
    }

    @Test
    void malformedEnvFileFailsWithTheSpecText() throws Exception {
        Path bad = work.resolve("bad.env");
        Files.writeString(bad, "GOOD=1\nKEY=a b\n");
        CliRun.Result run = new CliRun(work).processEnv("RUSTY_PINCH_ENV_FILE", bad.toString()).run("doctor");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().startsWith("Error: failed loading RUSTY_PINCH_ENV_FILE from " + bad + "\n\nCaused by:\n"), run.stderr());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        CliRun.Result run = cli().run("tools");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("error: "));
    }

    @Test
    void replRunsTurnsSurvivesFailuresAndEndsOnEof() throws Exception {
        CliRun cli = cli().env("RUSTY_PINCH_PROVIDER", "local").stdin("/tool nope\nhello\n");
        CliRun.Result repl = cli.run("repl");
        assertEquals(0, repl.exitCode(), repl.stderr());
        assertTrue(repl.stdout().startsWith("Rusty Pinch REPL. Type 'exit' to stop.\n"));
        assertTrue(repl.stdout().contains("[Rusty Pinch:local:openrouter/qwen/qwen3-coder] Received 'hello'. history=0 messages.\n"));
        assertTrue(repl.stdout().endsWith("Bye.\n"));
        assertTrue(repl.stderr().contains("Error: request_id=") && repl.stderr().contains("unknown tool 'nope'"));
        assertTrue(Files.readString(work.resolve("data/repl_history")).contains("hello"));
    }

    @Test
    void replExitWordEndsIt() throws Exception {
        CliRun.Result repl = cli().env("RUSTY_PINCH_PROVIDER", "local").stdin("QUIT\nhello\n").run("repl");
        assertEquals(0, repl.exitCode());
        assertTrue(repl.stdout().endsWith("Bye.\n"));
        assertFalse(repl.stdout().contains("Received"));
    }
}
