package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/.env.example (SPEC §2.5), conf/log4j2.xml (SPEC §0 streams) and conf/jvm.options. */
class ConfFilesIT {
    private static final Path CONF = Dist.UNPACKED.resolve("conf");
    private static final List<String> JAVA_ONLY = List.of("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE",
            "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "RUSTY_PINCH_PLUGINS_DIR",
            "RUSTY_PINCH_PLUGINS_DISABLED", "RUSTY_PINCH_JAVA_OPTS");

    @TempDir
    Path tempDir;

    @Test
    void envExampleSetsTheDefaultsAnEmptyOpenRouterKeyAndDisabledChannels() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("RUSTY_PINCH_PROVIDER", "openrouter");
        expected.put("RUSTY_PINCH_MODEL", "openrouter/qwen/qwen3-coder");
        expected.put("RUSTY_PINCH_OPENROUTER_API_KEY", "");
        expected.put("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "60");
        expected.put("RUSTY_PINCH_REQUEST_RETRIES", "2");
        expected.put("RUSTY_PINCH_RETRY_BACKOFF_MS", "600");
        expected.put("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "4000");
        expected.put("RUSTY_PINCH_DATA_DIR", "./data");
        expected.put("RUSTY_PINCH_WORKSPACE", "./workspace");
        expected.put("RUSTY_PINCH_BUS_CAPACITY", "100");
        expected.put("RUSTY_PINCH_BUS_OVERFLOW", "drop_oldest");
        expected.put("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "false");
        expected.put("RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM", "");
        expected.put("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "30");
        expected.put("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS", "350");
        expected.put("RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS", "60");
        expected.put("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", "false");
        expected.put("RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "");
        expected.put("RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "2000");

        assertEquals(expected, DeployFilesIT.envFile(CONF.resolve(".env.example")));
    }

    @Test
    void envExampleShowsTheDefaultTelemetryFileCommentedOutSoItFollowsTheDataDir() throws IOException {
        List<String> lines = Files.readAllLines(CONF.resolve(".env.example"), UTF_8);

        assertTrue(lines.contains("# RUSTY_PINCH_TELEMETRY_FILE=./data/telemetry/latest.json"));
    }

    @Test
    void envExampleListsJavaOnlyVariablesCommentedOut() throws IOException {
        List<String> lines = Files.readAllLines(CONF.resolve(".env.example"), UTF_8);

        for (String name : JAVA_ONLY) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("# " + name + "=")), name);
            assertFalse(lines.stream().anyMatch(line -> line.startsWith(name + "=")), name);
        }
    }

    @Test
    void jvmOptionsHoldOneOptionPerLine() throws IOException {
        List<String> options = Files.readAllLines(CONF.resolve("jvm.options"), UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertFalse(options.isEmpty());
        for (String option : options) {
            assertTrue(option.startsWith("-") && option.equals(option.strip()) && !option.contains(" "), option);
        }
        assertTrue(options.containsAll(List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1")), options::toString);
    }

    @Test
    void log4jWritesLevelWordAndOneLineMessagesToStderrAtWarnAndAbove() throws IOException {
        List<Path> libJars;
        try (Stream<Path> list = Files.list(Dist.UNPACKED.resolve("lib"))) {
            libJars = list.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        }
        String probe = """
                package probe;

                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                public final class LogProbe {
                    public static void main(String[] args) {
                        Logger log = LoggerFactory.getLogger("probe");
                        log.info("not shown");
                        log.warn("plain warning");
                        log.error("two\\n{\\"looks\\":\\"like an event\\"}");
                        log.warn("with a cause", new IllegalStateException("bad\\nthing"));
                    }
                }
                """;
        Path jar = ProbeJar.build(tempDir.resolve("probe"), "probe.LogProbe", probe, libJars, tempDir.resolve("probe.jar"));

        Run.Result result = Run.of(Path.of(System.getProperty("java.home"), "bin/java"),
                        "-Dlog4j2.configurationFile=" + CONF.resolve("log4j2.xml"),
                        "-cp", Dist.UNPACKED.resolve("lib") + "/*:" + jar, "probe.LogProbe")
                .env("PATH", "/usr/bin:/bin").go();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals("WARN plain warning\n"
                + "ERROR two\\n{\"looks\":\"like an event\"}\n"
                + "WARN with a cause (java.lang.IllegalStateException: bad\\nthing)\n", result.stderr());
    }
}
