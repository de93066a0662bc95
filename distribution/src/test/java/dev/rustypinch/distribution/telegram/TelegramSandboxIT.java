package dev.rustypinch.distribution.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustypinch.distribution.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Telegram worker of the built distribution inside the {@code /proc} and {@code /dev} the systemd units give it
 * (SPEC §21: {@code ProtectProc=invisible}, {@code ProcSubset=pid}, {@code PrivateDevices=true}, {@code UMask=0077}),
 * rebuilt with {@code unshare} where the tests run as root: a private mount and pid namespace, a {@code /proc} with
 * {@code hidepid=invisible,subset=pid} (no {@code /proc/meminfo}, {@code /proc/sys}, …) and a {@code /dev} holding only
 * null, zero, full, random and urandom. The JVM starts, loads its plugins, answers one message against the fake Bot API
 * and leaves only private files. (The system call filter needs systemd itself: verify-telegram-unit-systemd.sh.)
 */
class TelegramSandboxIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SANDBOX = String.join(" && ",
            "mount -t proc -o hidepid=invisible,subset=pid proc /proc",
            "test ! -e /proc/meminfo",
            "mount -t tmpfs -o mode=0755 tmpfs /dev",
            "mknod -m 666 /dev/null c 1 3",
            "mknod -m 666 /dev/zero c 1 5",
            "mknod -m 666 /dev/full c 1 7",
            "mknod -m 666 /dev/random c 1 8",
            "mknod -m 666 /dev/urandom c 1 9",
            "ln -s /proc/self/fd /dev/fd",
            "umask 0077",
            "exec \"$0\" \"$@\"");
    private static final List<String> UNSHARE = List.of("unshare", "--mount", "--pid", "--fork", "--kill-child");

    @TempDir
    Path workDir;

    @Test
    void aTelegramWorkerAnswersInsideTheUnitsProcAndDev() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot build the unit's /proc and /dev");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no unshare(1)");
        assumeTrue(sandboxWorks(), "this kernel or container refuses a private /proc with subset=pid");

        FakeBotApi api = FakeBotApi.start(WorkerEnv.TOKEN);
        try {
            api.addText(701, 111, 111, "hello");
            try (WorkerProcess worker = WorkerProcess.launchThrough(UNSHARE, SANDBOX, workDir, new WorkerEnv(api.apiBase()),
                    "channels", "telegram", "--max-messages", "1")) {
                assertTrue(worker.waitFor(LIMIT), worker::toString);
                assertEquals(0, worker.exitCode(), worker::toString);
            }
            assertEquals(List.of("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages."), api.textsTo("111"));
        } finally {
            api.close();
        }
        assertEquals(Map.of(), FileModes.notPrivate(FileModes.under(workDir.resolve("data"))));
    }

    private static boolean sandboxWorks() throws Exception {
        Process probe = new ProcessBuilder(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c",
                "mount -t proc -o hidepid=invisible,subset=pid proc /proc && test ! -e /proc/meminfo"))
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
}
