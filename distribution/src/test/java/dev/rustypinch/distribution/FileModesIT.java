package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code repl} of the built distribution as child processes under {@code umask 022} (SPEC §21): the data
 * directory, {@code sessions/}, {@code telemetry/} are 0700 and the session, telemetry, lock and history files 0600.
 */
class FileModesIT {
    @TempDir
    Path workDir;

    private Path envFile;

    @BeforeEach
    void writeEnvFile() throws IOException {
        envFile = Files.writeString(workDir.resolve("test.env"), "RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=test-model\n", UTF_8);
    }

    private Run.Result rustyPinch(String... args) {
        List<String> command = new ArrayList<>(List.of(Dist.launcher().toString()));
        command.addAll(List.of(args));
        return launch(FileModes.underUmask(command));
    }

    /** {@code rusty-pinch repl <args>} reading {@code input} as its stdin. */
    private Run.Result repl(String input, String... args) throws IOException {
        Path inputFile = Files.writeString(workDir.resolve("input.txt"), input, UTF_8);
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "umask " + FileModes.UMASK + "; exec \"$0\" repl " + String.join(" ", args) + " < \"$1\"",
                Dist.launcher().toString(), inputFile.toString()));
        return launch(command);
    }

    private Run.Result launch(List<String> command) {
        return Run.of(command.toArray()).in(workDir)
                .env("PATH", "/usr/bin:/bin")
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("RUSTY_PINCH_ENV_FILE", envFile)
                .go();
    }

    @Test
    void theUmaskOfTheChildrenWouldLeaveAPlainFileReadableByOthers() throws IOException {
        Run.Result result = Run.of(FileModes.underUmask(List.of("touch", "plain")).toArray()).in(workDir).env("PATH", "/usr/bin:/bin").go();
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("rw-r--r--", FileModes.under(workDir).get("plain"), "the check below would prove nothing");
    }

    @Test
    void runLeavesOnlyPrivateDirectoriesAndFiles() throws IOException {
        Run.Result result = rustyPinch("run", "--message", "hello", "--session", "test-session");
        assertEquals(0, result.exitCode(), result::toString);

        Map<String, String> modes = FileModes.under(workDir.resolve("data"));
        assertEquals(Set.of("./", "sessions/", "sessions/test-session.jsonl", "telemetry/", "telemetry/latest.json",
                "telemetry/latest.json.lock"), modes.keySet(), modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }

    @Test
    void replLeavesOnlyPrivateDirectoriesAndFilesIncludingTheHistory() throws IOException {
        Run.Result result = repl("hello\nexit\n", "--session", "r1");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("Bye."), result::toString);

        Map<String, String> modes = FileModes.under(workDir.resolve("data"));
        assertTrue(modes.containsKey("repl_history"), modes::toString);
        assertTrue(modes.containsKey("sessions/r1.jsonl"), modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }

    @Test
    void anExistingHistoryFileKeepsItsMode() throws IOException {
        Path history = Files.createDirectories(workDir.resolve("data")).resolve("repl_history");
        Files.writeString(history, "earlier\n", UTF_8);
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r-----"));
        Run.Result result = repl("exit\n");
        assertEquals(0, result.exitCode(), result::toString);

        assertEquals("earlier\nexit\n", Files.readString(history, UTF_8));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }
}
