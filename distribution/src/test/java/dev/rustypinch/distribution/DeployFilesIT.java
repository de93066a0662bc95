package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/systemd and deploy/container (SPEC §16.2, §16.3), as shipped in the distribution. */
class DeployFilesIT {
    private static final Path SYSTEMD = Dist.UNPACKED.resolve("deploy/systemd");
    private static final Path CONTAINER = Dist.UNPACKED.resolve("deploy/container");

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"telegram", "whatsapp", "web"})
    void unitHasEverySpecifiedSetting(String channel) throws IOException {
        Map<String, List<String>> unit = unit(SYSTEMD.resolve("rusty-pinch-" + channel + ".service"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Unit.Description", Map.of("telegram", "Rusty Pinch Telegram Channel Worker",
                "whatsapp", "Rusty Pinch WhatsApp Bridge Worker", "web", "Rusty Pinch Web Channel Worker").get(channel));
        expected.put("Unit.After", "network-online.target");
        expected.put("Unit.Wants", "network-online.target");
        expected.put("Service.Type", "simple");
        expected.put("Service.User", "rusty-pinch");
        expected.put("Service.Group", "rusty-pinch");
        expected.put("Service.WorkingDirectory", "/opt/rusty-pinch");
        expected.put("Service.EnvironmentFile", "/etc/rusty-pinch/rusty-pinch.env");
        expected.put("Service.ExecStart", "/opt/rusty-pinch/bin/rusty-pinch channels " + channel);
        expected.put("Service.Restart", "always");
        expected.put("Service.RestartSec", "3");
        expected.put("Service.KillSignal", "SIGTERM");
        expected.put("Service.SuccessExitStatus", "143");
        expected.put("Service.TimeoutStopSec", "30");
        expected.put("Service.StandardOutput", "journal");
        expected.put("Service.StandardError", "journal");
        expected.put("Service.CacheDirectory", "rusty-pinch");
        expected.put("Service.NoNewPrivileges", "true");
        expected.put("Service.PrivateTmp", "true");
        expected.put("Service.ProtectSystem", "strict");
        expected.put("Service.ProtectHome", "true");
        expected.put("Service.ReadWritePaths", "/var/lib/rusty-pinch");
        expected.put("Service.ProtectKernelTunables", "true");
        expected.put("Service.ProtectKernelModules", "true");
        expected.put("Service.ProtectKernelLogs", "true");
        expected.put("Service.ProtectControlGroups", "true");
        expected.put("Service.ProtectClock", "true");
        expected.put("Service.ProtectHostname", "true");
        expected.put("Service.RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
        expected.put("Service.RestrictNamespaces", "true");
        expected.put("Service.RestrictSUIDSGID", "true");
        expected.put("Service.RestrictRealtime", "true");
        expected.put("Service.LockPersonality", "true");
        expected.put("Service.SystemCallArchitectures", "native");
        expected.put("Service.CapabilityBoundingSet", "");
        expected.put("Service.UMask", "0077");
        expected.put("Service.PrivateDevices", "true");
        expected.put("Service.PrivateMounts", "true");
        expected.put("Service.ProtectProc", "invisible");
        expected.put("Service.ProcSubset", "pid");
        expected.put("Service.RemoveIPC", "true");
        expected.put("Service.SystemCallFilter", "@system-service");
        expected.put("Service.SystemCallErrorNumber", "EPERM");
        expected.put("Install.WantedBy", "multi-user.target");
        Map<String, String> actual = new LinkedHashMap<>();
        unit.forEach((key, values) -> actual.put(key, String.join("|", values)));
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"telegram", "whatsapp", "web"})
    void unitNeverDeniesWritableExecutableMemory(String channel) throws IOException {
        String text = Files.readString(SYSTEMD.resolve("rusty-pinch-" + channel + ".service"), UTF_8);

        assertFalse(text.contains("MemoryDenyWriteExecute"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"telegram", "whatsapp", "web"})
    void unitIsRatedAtMostTwoBySystemdAnalyzeSecurity(String channel) {
        Optional<Path> analyze = systemdAnalyze();
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed (.ci/run installs systemd): "
                + "the exposure rating of the units (SPEC §21, at most 2.0) is not checked");
        Path unit = SYSTEMD.resolve("rusty-pinch-" + channel + ".service");

        Run.Result result = Run.of(analyze.get(), "security", "--offline=true", unit).env("PATH", "/usr/bin:/bin")
                .env("SYSTEMD_LOG_COLOR", "0").env("SYSTEMD_COLORS", "0").go();

        Matcher overall = Pattern.compile("Overall exposure level for rusty-pinch-" + channel + "\\.service: (\\d+\\.\\d+)")
                .matcher(result.stdout());
        assertTrue(overall.find(), result::toString);
        double exposure = Double.parseDouble(overall.group(1));
        assertTrue(exposure <= 2.0, "exposure " + exposure + " is above 2.0:\n" + result.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"telegram", "whatsapp", "web"})
    void execStartIsTheLauncherOfTheInstalledLayout(String channel) throws IOException {
        Map<String, List<String>> unit = unit(SYSTEMD.resolve("rusty-pinch-" + channel + ".service"));
        String home = unit.get("Service.WorkingDirectory").get(0);
        String program = unit.get("Service.ExecStart").get(0).split(" ")[0];

        assertTrue(program.startsWith(home + "/"));
        assertTrue(Files.isExecutable(Dist.UNPACKED.resolve(program.substring(home.length() + 1))), program);
    }

    @Test
    void unitsPassSystemdAnalyzeVerifyInAnInstalledRoot() throws IOException {
        Optional<Path> analyze = systemdAnalyze();
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed");
        Path units = Path.of("/usr/lib/systemd/system");
        assumeTrue(Files.exists(units.resolve("multi-user.target")), "systemd's own units are not installed");
        // A root with the real distribution at /opt/rusty-pinch, the env file, the state directory and
        // systemd's targets, so that verify checks every key, value and dependency, including that
        // ExecStart names an executable of the unpacked layout.
        Path root = tempDir.resolve("root");
        copyTree(Dist.UNPACKED, root.resolve("opt/rusty-pinch"));
        Files.createDirectories(root.resolve("etc/rusty-pinch"));
        Files.copy(SYSTEMD.resolve("rusty-pinch.env.example"), root.resolve("etc/rusty-pinch/rusty-pinch.env"));
        Files.createDirectories(root.resolve("var/lib/rusty-pinch"));
        Path systemDir = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> list = Files.list(units)) {
            for (Path unit : list.filter(path -> path.toString().endsWith(".target") || path.toString().endsWith(".slice"))
                    .toList()) {
                Files.copy(unit, systemDir.resolve(unit.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path etcUnits = Files.createDirectories(root.resolve("etc/systemd/system"));
        for (String channel : List.of("telegram", "whatsapp", "web")) {
            String name = "rusty-pinch-" + channel + ".service";
            Files.copy(SYSTEMD.resolve(name), etcUnits.resolve(name));
        }

        Run.Result result = Run.of(analyze.get(), "verify", "--root=" + root, "rusty-pinch-telegram.service",
                "rusty-pinch-whatsapp.service", "rusty-pinch-web.service").env("PATH", "/usr/bin:/bin").env("SYSTEMD_LOG_COLOR", "0").go();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout() + result.stderr());
    }

    @Test
    void systemdEnvTemplateUsesVarLibOpenRouterAndTelegram() throws IOException {
        Map<String, String> env = envFile(SYSTEMD.resolve("rusty-pinch.env.example"));

        assertEquals("/var/lib/rusty-pinch/data", env.get("RUSTY_PINCH_DATA_DIR"));
        assertEquals("/var/lib/rusty-pinch/workspace", env.get("RUSTY_PINCH_WORKSPACE"));
        assertEquals("/var/lib/rusty-pinch/data/telemetry/latest.json", env.get("RUSTY_PINCH_TELEMETRY_FILE"));
        assertEquals("openrouter", env.get("RUSTY_PINCH_PROVIDER"));
        assertEquals("", env.get("RUSTY_PINCH_OPENROUTER_API_KEY"));
        assertEquals("true", env.get("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED"));
        assertEquals("false", env.get("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED"));
        assertEquals("ws://127.0.0.1:3001", env.get("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL"));
    }

    @Test
    void containerEnvTemplateUsesOpenRouterTelegramAndTheBridgeService() throws IOException {
        Map<String, String> env = envFile(CONTAINER.resolve("rusty-pinch.env.example"));

        assertEquals("openrouter", env.get("RUSTY_PINCH_PROVIDER"));
        assertEquals("", env.get("RUSTY_PINCH_OPENROUTER_API_KEY"));
        assertEquals("true", env.get("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED"));
        assertEquals("false", env.get("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED"));
        assertEquals("ws://bridge:3001", env.get("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL"));
    }

    @Test
    void composeRunsTheWorkersWithWhatsAppAndWebBehindTheirProfiles() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(CONTAINER.resolve("compose.yaml").toFile());
        JsonNode services = compose.get("services");

        assertEquals(List.of("rusty-pinch-telegram", "rusty-pinch-whatsapp", "rusty-pinch-web"), fieldNames(services));
        assertEquals(null, services.get("rusty-pinch-telegram").get("profiles"));
        assertEquals("[\"whatsapp\"]", services.get("rusty-pinch-whatsapp").get("profiles").toString());
        assertEquals("[\"web\"]", services.get("rusty-pinch-web").get("profiles").toString());
        assertEquals("[\"127.0.0.1:8787:8787\"]", services.get("rusty-pinch-web").get("ports").toString());
        assertEquals("0.0.0.0:8787", services.get("rusty-pinch-web").get("environment").get("RUSTY_PINCH_CHANNELS_WEB_LISTEN").asText());
        for (String channel : List.of("telegram", "whatsapp", "web")) {
            JsonNode service = services.get("rusty-pinch-" + channel);
            assertEquals("[\"channels\",\"" + channel + "\"]", service.get("command").toString());
            assertEquals("./rusty-pinch.env", service.get("env_file").asText());
            assertEquals("[\"rusty_pinch_data:/var/lib/rusty-pinch/data\","
                    + "\"rusty_pinch_workspace:/var/lib/rusty-pinch/workspace\"]", service.get("volumes").toString());
            assertEquals("unless-stopped", service.get("restart").asText());
            assertTrue(service.get("init").asBoolean());
            assertEquals("rusty-pinch", service.get("user").asText());
            assertTrue(service.get("read_only").asBoolean());
            assertEquals("[\"/tmp\"]", service.get("tmpfs").toString());
            assertEquals("[\"ALL\"]", service.get("cap_drop").toString());
            assertEquals("[\"no-new-privileges:true\"]", service.get("security_opt").toString());
            assertEquals("{\"test\":[\"CMD\",\"rusty-pinch\",\"doctor\",\"--strict\"],\"interval\":\"60s\","
                    + "\"timeout\":\"10s\",\"retries\":3,\"start_period\":\"30s\"}", service.get("healthcheck").toString());
            assertEquals("deploy/container/Dockerfile", service.get("build").get("dockerfile").asText());
            assertTrue(Files.exists(CONTAINER.resolve(service.get("build").get("context").asText())
                    .resolve("deploy/container/Dockerfile")));
        }
        assertEquals(List.of("rusty_pinch_data", "rusty_pinch_workspace"), fieldNames(compose.get("volumes")));
    }

    @Test
    void dockerfileBuildsFromTheProjectRootIntoANonRootJava17Image() throws IOException {
        List<String> lines = dockerInstructions(CONTAINER.resolve("Dockerfile"));

        assertEquals(List.of("FROM maven:3-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre"),
                lines.stream().filter(line -> line.startsWith("FROM ")).toList());
        assertTrue(lines.contains("ENV RUSTY_PINCH_DATA_DIR=/var/lib/rusty-pinch/data "
                + "RUSTY_PINCH_WORKSPACE=/var/lib/rusty-pinch/workspace "
                + "RUSTY_PINCH_TELEMETRY_FILE=/var/lib/rusty-pinch/data/telemetry/latest.json"), lines::toString);
        assertTrue(lines.contains("VOLUME [\"/var/lib/rusty-pinch/data\", \"/var/lib/rusty-pinch/workspace\"]"));
        assertTrue(lines.contains("WORKDIR /opt/rusty-pinch"));
        assertTrue(lines.contains("USER rusty-pinch"));
        assertTrue(lines.stream().anyMatch(line -> line.contains("useradd --system --gid rusty-pinch")), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.contains("chmod 0700 /var/lib/rusty-pinch/data /var/lib/rusty-pinch/workspace")),
                lines::toString);
        assertTrue(lines.contains("ENTRYPOINT [\"rusty-pinch\"]"));
        assertTrue(lines.contains("CMD [\"doctor\"]"));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("HEALTHCHECK ")
                && line.endsWith("CMD [\"rusty-pinch\", \"doctor\", \"--strict\"]")), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.contains("ln -s /opt/rusty-pinch/bin/rusty-pinch /usr/local/bin/rusty-pinch")));
        assertTrue(lines.stream().anyMatch(line -> line.contains("cp -a distribution/target/" + Dist.NAME + " /rusty-pinch")));
        assertTrue(lines.contains("COPY --from=build /rusty-pinch /opt/rusty-pinch"));
        assertTrue(lines.stream().noneMatch(line -> line.contains("curl")));
    }

    @Test
    void dockerfilePassesDockerfilelint() throws IOException {
        Optional<Path> lint = Stream.of("/usr/local/bin/dockerfilelint", "/usr/bin/dockerfilelint").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(lint.isPresent(), "dockerfilelint is not installed (.ci/run installs it from npm)");

        Run.Result result = Run.of(lint.get(), CONTAINER.resolve("Dockerfile")).env("PATH", "/usr/local/bin:/usr/bin:/bin").go();

        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void launchersPassShellcheckAsPosixSh() {
        Optional<Path> shellcheck = Stream.of("/usr/bin/shellcheck", "/usr/local/bin/shellcheck").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(shellcheck.isPresent(), "shellcheck is not installed (.ci/run installs it from Debian)");

        Run.Result result = Run.of(shellcheck.get(), "--shell=sh", Dist.UNPACKED.resolve("bin/rusty-pinch"),
                Dist.UNPACKED.resolve("bin/rusty-pinch-cds")).env("PATH", "/usr/bin:/bin").go();

        assertEquals(0, result.exitCode(), result::toString);
    }

    private static Optional<Path> systemdAnalyze() {
        return Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** "Section.Key" → values in order; comments and blank lines skipped. */
    static Map<String, List<String>> unit(Path file) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(file, UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed.substring(1, trimmed.length() - 1);
                continue;
            }
            int equals = trimmed.indexOf('=');
            keys.computeIfAbsent(section + "." + trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return keys;
    }

    /** Active KEY=VALUE lines of a simple env file (no quoting used in the templates). */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            env.putIfAbsent(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return env;
    }

    private static List<String> dockerInstructions(Path file) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file, UTF_8)) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
