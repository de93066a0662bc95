package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustypinch.distribution.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Telegram worker of the built distribution inside the sandbox the systemd units give it (SPEC §21), rebuilt
 * without systemd where the tests run as root: {@code unshare} gives it a private mount and pid namespace, a
 * {@code /proc} with {@code hidepid=invisible,subset=pid} ({@code ProtectProc=invisible}, {@code ProcSubset=pid}: no
 * {@code /proc/meminfo}, {@code /proc/sys}, …), a {@code /dev} holding only null, zero, full, random and urandom
 * ({@code PrivateDevices=true}) and {@code umask 0077}; the second test adds a seccomp filter that lets only the
 * system calls of systemd's {@code @system-service} set through and fails the others with {@code EPERM}
 * ({@code SystemCallFilter=@system-service}, {@code SystemCallErrorNumber=EPERM}, with no_new_privs). The JVM starts,
 * loads its plugins, answers one message against the fake Bot API and leaves only private files.
 */
class TelegramSandboxIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String PROC_AND_DEV = String.join(" && ",
            "mount -t proc -o hidepid=invisible,subset=pid proc /proc",
            "test ! -e /proc/meminfo",
            "mount -t tmpfs -o mode=0755 tmpfs /dev",
            "mknod -m 666 /dev/null c 1 3",
            "mknod -m 666 /dev/zero c 1 5",
            "mknod -m 666 /dev/full c 1 7",
            "mknod -m 666 /dev/random c 1 8",
            "mknod -m 666 /dev/urandom c 1 9",
            "ln -s /proc/self/fd /dev/fd",
            "umask 0077");
    private static final List<String> UNSHARE = List.of("unshare", "--mount", "--pid", "--fork", "--kill-child");
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path workDir;

    @Test
    void aTelegramWorkerAnswersInsideTheUnitsProcAndDev() throws Exception {
        assumeSandbox();

        answersOneMessage(PROC_AND_DEV + " && exec \"$0\" \"$@\"");
    }

    @Test
    void aTelegramWorkerAnswersUnderTheUnitsSystemCallFilter() throws Exception {
        assumeSandbox();
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed (.ci/run installs systemd)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no python3 to load the seccomp filter");
        Path filter = Path.of(TelegramSandboxIT.class.getResource("/sandbox/syscall-filter.py").toURI());
        Path allowed = Files.write(workDir.resolve("system-service.syscalls"), expand("@system-service"), UTF_8);
        assumeTrue(run("python3", filter.toString(), allowed.toString(), "/bin/true") == 0, "libseccomp cannot be loaded here");

        answersOneMessage(PROC_AND_DEV + " && exec python3 '" + filter + "' '" + allowed + "' \"$0\" \"$@\"");
    }

    private void answersOneMessage(String script) throws Exception {
        FakeBotApi api = FakeBotApi.start(WorkerEnv.TOKEN);
        try {
            api.addText(701, 111, 111, "hello");
            try (WorkerProcess worker = WorkerProcess.launchThrough(UNSHARE, script, workDir, new WorkerEnv(api.apiBase()),
                    "channels", "telegram", "--max-messages", "1")) {
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

    private static void assumeSandbox() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot build the units' /proc and /dev");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no unshare(1)");
        assumeTrue(run("unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c",
                "mount -t proc -o hidepid=invisible,subset=pid proc /proc && test ! -e /proc/meminfo") == 0,
                "this kernel or container refuses a private /proc with subset=pid");
    }

    /** The system call names of a systemd set, nested sets expanded ({@code systemd-analyze syscall-filter}). */
    private static Set<String> expand(String set) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "syscall-filter", set).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), UTF_8).lines().toList();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "systemd-analyze syscall-filter " + set);
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            names.addAll(name.startsWith("@") ? expand(name) : Set.of(name));
        }
        return names;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
