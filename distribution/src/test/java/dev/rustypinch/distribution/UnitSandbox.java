package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox the systemd units give a worker (SPEC §21), rebuilt without systemd where the tests run as root, for a
 * child process started as {@code unshare … sh -c <script> <program> <args…>}: a private mount and pid namespace, a
 * {@code /proc} with {@code hidepid=invisible,subset=pid} ({@code ProtectProc=invisible}, {@code ProcSubset=pid}: no
 * {@code /proc/meminfo}, {@code /proc/sys}, …), a {@code /dev} holding only null, zero, full, random and urandom
 * ({@code PrivateDevices=true}), {@code umask 0077}, and optionally a seccomp filter letting only the system calls of
 * systemd's {@code @system-service} set through, failing the others with {@code EPERM} ({@code SystemCallFilter=},
 * {@code SystemCallErrorNumber=EPERM}; libseccomp also sets no_new_privs). Each method skips the calling test with a
 * reason when this machine cannot build the sandbox.
 */
public final class UnitSandbox {
    /** The command before {@code sh -c <script>}. */
    public static final List<String> UNSHARE = List.of("unshare", "--mount", "--pid", "--fork", "--kill-child");

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
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    private UnitSandbox() {
    }

    /** The script for the units' {@code /proc}, {@code /dev} and umask, then {@code exec "$0" "$@"}. */
    public static String procAndDev() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot build the units' /proc and /dev");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "no unshare(1)");
        List<String> probe = new ArrayList<>(UNSHARE);
        probe.addAll(List.of("sh", "-c", "mount -t proc -o hidepid=invisible,subset=pid proc /proc && test ! -e /proc/meminfo"));
        assumeTrue(run(probe) == 0, "this kernel or container refuses a private /proc with subset=pid");
        return PROC_AND_DEV + " && exec \"$0\" \"$@\"";
    }

    /** Like {@link #procAndDev()}, the program then running under the {@code @system-service} filter. */
    public static String procAndDevAndSystemCallFilter(Path scratch) throws IOException, InterruptedException, URISyntaxException {
        procAndDev();
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed (.ci/run installs systemd)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no python3 to load the seccomp filter");
        Path filter = Path.of(UnitSandbox.class.getResource("/sandbox/syscall-filter.py").toURI());
        Path allowed = Files.write(scratch.resolve("system-service.syscalls"), expand("@system-service"), UTF_8);
        assumeTrue(run(List.of("python3", filter.toString(), allowed.toString(), "/bin/true")) == 0,
                "libseccomp cannot be loaded here");
        return PROC_AND_DEV + " && exec python3 '" + filter + "' '" + allowed + "' \"$0\" \"$@\"";
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

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
