package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built tar.gz, unpacked into a temporary directory and run as separate processes with a clean
 * environment and a temporary .env (SPEC §17 set-up).
 */
class EndToEndIT {
    @TempDir
    static Path installRoot;

    @TempDir
    Path workDir;

    private static Path home;
    private Path envFile;

    @BeforeAll
    static void unpack() throws IOException {
        try (JarFile runtime = new JarFile(Dist.UNPACKED.resolve("lib/pinch-runtime-" + Dist.VERSION + ".jar").toFile())) {
            assumeTrue(runtime.getEntry(Dist.MAIN_CLASS.replace('.', '/') + ".class") != null,
                    "pinch-runtime has no " + Dist.MAIN_CLASS + " yet");
        }
        Path root = installRoot.toRealPath();
        Run.Result tar = Run.of("tar", "-xzf", Dist.TARBALL, "-C", root).env("PATH", "/usr/bin:/bin").go();
        assertEquals(0, tar.exitCode(), tar::toString);
        home = root.resolve(Dist.NAME);
    }

    @BeforeEach
    void writeEnvFile() throws IOException {
        envFile = Files.writeString(workDir.resolve("test.env"), "", UTF_8);
    }

    private Run.Result rustyPinch(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        env.putAll(extraEnv);
        return Run.of(Stream.concat(Stream.of(home.resolve("bin/rusty-pinch").toString()), Stream.of(args)).toArray())
                .in(workDir).envAll(env).go();
    }

    @Test
    void doctorPrintsTheParityBlockAndLoadsTheSixDefaultPlugins() {
        Run.Result result = rustyPinch(Map.of(), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        String plugins = home.resolve("plugins").toString();
        assertEquals("""
                Rusty Pinch Doctor
                provider: openrouter
                model: openrouter/qwen/qwen3-coder
                api_base: https://openrouter.ai/api/v1
                data_dir: ./data
                workspace: ./workspace
                telemetry_file: ./data/telemetry/latest.json
                request_timeout_secs: 60
                request_retries: 2
                retry_backoff_ms: 600
                retry_max_backoff_ms: 4000
                api_key_loaded: false
                telegram_enabled: false
                telegram_allow_from_count: 0
                whatsapp_enabled: false
                whatsapp_allow_from_count: 0
                status: warning
                - Provider 'openrouter' requires API key but none was found
                runtime_version: 1.0.0
                bus_capacity: 100
                bus_overflow: drop_oldest
                telegram_api_base: https://api.telegram.org
                whatsapp_dialect: picoclaw
                whatsapp_bridge_token_loaded: false
                telemetry_corrupt_files: 0
                plugins_dir: %1$s
                plugins: loaded=6 failed=0 disabled=0
                plugin: pinch-channel-telegram 1.0.0 api=1.1 source=%1$s/pinch-channel-telegram
                plugin: pinch-channel-web 1.0.0 api=1.1 source=%1$s/pinch-channel-web
                plugin: pinch-channel-whatsapp 1.0.0 api=1.0 source=%1$s/pinch-channel-whatsapp
                plugin: pinch-provider-openai 1.0.0 api=1.1 source=%1$s/pinch-provider-openai
                plugin: pinch-tools-builtin 1.0.0 api=1.1 source=%1$s/pinch-tools-builtin
                plugin: pinch-tools-mcp 1.0.0 api=1.1 source=%1$s/pinch-tools-mcp
                agent_tools: -
                agent_max_rounds: 6
                mcp_servers: 0
                """.formatted(plugins), result.stdout());
        assertFalse(Files.exists(workDir.resolve("data")), "doctor created state");
    }

    @Test
    void versionPrintsTheDistributionVersionWithoutSettingsOrPlugins() {
        Run.Result result = rustyPinch(Map.of("RUSTY_PINCH_ENV_FILE", workDir.resolve("missing.env").toString(),
                "RUSTY_PINCH_PLUGINS_DIR", workDir.resolve("no-plugins").toString()), "--version");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("rusty-pinch " + Dist.VERSION + "\n", result.stdout());
        assertEquals("", result.stderr());
        assertEquals(result.stdout(), rustyPinch(Map.of(), "-V").stdout());
        assertFalse(Files.exists(workDir.resolve("data")), "--version created state");
    }

    @Test
    void theLaunchersVersionLineIsTheRuntimesOwn() {
        // The launcher answers --version from VERSION; the runtime's answer (from its jar) must be the same line.
        Run.Result runtime = Run.of(Path.of(System.getProperty("java.home"), "bin", "java"), "-cp",
                Dist.UNPACKED.resolve("lib") + "/*", "dev.rustypinch.runtime.Main", "--version").in(workDir).go();

        assertEquals(0, runtime.exitCode(), runtime::toString);
        assertEquals(rustyPinch(Map.of(), "--version").stdout(), runtime.stdout());
    }

    @Test
    void pluginsListShowsTheDefaultPluginsFromTheInstallDirectory() {
        Run.Result result = rustyPinch(Map.of(), "plugins", "list");

        assertEquals(0, result.exitCode(), result::toString);
        String plugins = home.resolve("plugins").toString();
        assertEquals("""
                pinch-channel-telegram 1.0.0 api=1.1 source=%1$s/pinch-channel-telegram providers=- channels=telegram tools=-
                pinch-channel-web 1.0.0 api=1.1 source=%1$s/pinch-channel-web providers=- channels=web tools=-
                pinch-channel-whatsapp 1.0.0 api=1.0 source=%1$s/pinch-channel-whatsapp providers=- channels=whatsapp tools=-
                pinch-provider-openai 1.0.0 api=1.1 source=%1$s/pinch-provider-openai providers=compatible,groq,openai,openrouter,vllm channels=- tools=-
                pinch-tools-builtin 1.0.0 api=1.1 source=%1$s/pinch-tools-builtin providers=- channels=- tools=model_info,session_tail,time_now
                pinch-tools-mcp 1.0.0 api=1.1 source=%1$s/pinch-tools-mcp providers=- channels=- tools=-
                """.formatted(plugins), result.stdout());
    }

    @Test
    void runWithTheLocalProviderAnswersAndRecordsTheSession() throws IOException {
        Files.writeString(envFile, "RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=test-model\n", UTF_8);

        Run.Result result = rustyPinch(Map.of(), "run", "--message", "hello", "--session", "test-session");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("Rusty Pinch"), result::toString);
        Path session = workDir.resolve("data/sessions/test-session.jsonl");
        assertTrue(Files.exists(session), "no session file");
        assertTrue(Files.readString(session, UTF_8).contains("hello"));
    }

    @Test
    void stderrCarriesOnlyEventLinesAndLevelPrefixedDiagnostics() throws IOException {
        Files.writeString(envFile, "RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=test-model\n", UTF_8);

        Run.Result result = rustyPinch(Map.of(), "run", "--message", "hello");

        assertEquals(0, result.exitCode(), result::toString);
        for (String line : result.stderr().lines().toList()) {
            assertTrue(line.startsWith("{") || line.startsWith("WARN ") || line.startsWith("ERROR "), line);
        }
        assertTrue(result.stderr().lines().anyMatch(line -> line.startsWith("{") && line.contains("\"event\":\"turn\"")),
                result::toString);
    }

    @Test
    void usageErrorExitsWith2() {
        Run.Result result = rustyPinch(Map.of(), "no-such-command");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("error: "), result::toString);
    }
}
