package dev.rustypinch.distribution.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/verify-telegram-unit-systemd.sh: the hardened Telegram unit started by a real systemd against a fake Bot API
 * (SPEC §16.2, §21). The unit it installs must be the shipped unit with only its install paths moved and
 * {@code Restart=no}, so every hardening setting is the one users get; where systemd is PID 1 and the tests run as
 * root, the whole script runs.
 */
class TelegramUnitSystemdIT {
    private static final Path DIST = Path.of(System.getProperty("dist.unpacked")).toAbsolutePath().normalize();
    private static final Path SCRIPT = DIST.resolve("deploy/verify-telegram-unit-systemd.sh");
    private static final String ROOT = "/var/lib/rp-verify.TEST01";

    @TempDir
    Path tempDir;

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Result script(long limitSecs, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("sh", SCRIPT.toString()), Stream.of(args)).toList())
                .directory(tempDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tempDir.resolve("script.out").toFile())
                .redirectError(tempDir.resolve("script.err").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(limitSecs, TimeUnit.SECONDS), "the script did not finish within " + limitSecs + " s");
        } finally {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(tempDir.resolve("script.out"), UTF_8),
                Files.readString(tempDir.resolve("script.err"), UTF_8));
    }

    private SystemdUnit printedUnit() throws Exception {
        Result result = script(30, "--print-unit", ROOT, DIST.toString());
        assertEquals(0, result.exitCode(), result::toString);
        return SystemdUnit.read(Files.writeString(tempDir.resolve("rusty-pinch-verify-telegram.service"), result.stdout(), UTF_8));
    }

    @Test
    void theInstalledUnitIsTheShippedUnitWithItsPathsMovedAndNoRestart() throws Exception {
        SystemdUnit shipped = SystemdUnit.read(DIST.resolve("deploy/systemd/rusty-pinch-telegram.service"));
        Map<String, List<String>> expected = new LinkedHashMap<>(shipped.settings());
        expected.put("Service.WorkingDirectory", List.of(ROOT + "/opt/rusty-pinch"));
        expected.put("Service.ExecStart", List.of(ROOT + "/opt/rusty-pinch/bin/rusty-pinch channels telegram"));
        expected.put("Service.EnvironmentFile", List.of(ROOT + "/etc/rusty-pinch/rusty-pinch.env"));
        expected.put("Service.ReadWritePaths", List.of(ROOT + "/var/lib/rusty-pinch"));
        expected.put("Service.Restart", List.of("no"));
        expected.put("Unit.Description", List.of("Rusty Pinch Telegram Channel Worker (verify-telegram-unit-systemd)"));

        assertEquals(expected, printedUnit().settings());
    }

    @Test
    void theInstalledUnitIsRatedAtMostTwoLikeTheShippedOne() throws Exception {
        Optional<Path> analyze = Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed (.ci/run installs systemd)");
        Path unit = printedUnit().file();

        Process process = new ProcessBuilder(analyze.get().toString(), "security", "--offline=true", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        Matcher overall = Pattern.compile("Overall exposure level for rusty-pinch-verify-telegram\\.service: (\\d+\\.\\d+)")
                .matcher(output);
        assertTrue(overall.find(), output);
        assertTrue(Double.parseDouble(overall.group(1)) <= 2.0, output);
    }

    @Test
    void theScriptPassesShellcheckAsPosixSh() throws Exception {
        Optional<Path> shellcheck = Stream.of("/usr/bin/shellcheck", "/usr/local/bin/shellcheck").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(shellcheck.isPresent(), "shellcheck is not installed (.ci/run installs it from Debian)");

        Process process = new ProcessBuilder(shellcheck.get().toString(), "--shell=sh", SCRIPT.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void theHardenedUnitAnswersOneMessageUnderARealSystemd() throws Exception {
        assumeTrue(isSystemdPidOne(), "systemd is not PID 1 here: the hardened unit cannot run as a service "
                + "(run deploy/verify-telegram-unit-systemd.sh as root on a systemd host)");
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: the script installs a unit");
        assumeTrue(userExists("rusty-pinch"), "no rusty-pinch user: create it as deploy/systemd/INSTALL.md shows");

        Result result = script(240, DIST.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().endsWith("verify-telegram-unit-systemd: PASS\n"), result::toString);
    }

    private static boolean isSystemdPidOne() {
        try {
            return Files.readString(Path.of("/proc/1/comm"), UTF_8).strip().equals("systemd");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean userExists(String name) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd"), UTF_8).stream().anyMatch(line -> line.startsWith(name + ":"));
    }
}
