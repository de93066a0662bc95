package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monitor --once} against a real child process on this machine's /proc. */
class MonitorCommandTest {
    @TempDir
    Path work;

    private String[] run(String... args) throws Exception {
        Path env = work.resolve("test.env");
        Files.writeString(env, "RUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of("RUSTY_PINCH_ENV_FILE", env.toString()), work, null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void onceShowsNumericCpuForAStrictPid() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Dfixture=rusty-pinch-worker", "-cp", System.getProperty("java.class.path"),
                SpinningWorker.class.getName()).start();
        try {
            String[] result = run("monitor", "--once", "--pid", Long.toString(child.pid()));
            assertEquals("0", result[0], result[2]);
            String screen = result[1];
            assertTrue(screen.startsWith(MonitorScreen.CLEAR + "Rusty Pinch Monitor (TUI)\n"), screen);
            assertTrue(screen.contains("\npid: " + child.pid() + "\n"), screen);
            assertTrue(screen.contains("rusty-pinch-worker"), screen);
            assertTrue(Pattern.compile("\ncpu: \\d+\\.\\d\\d% \\| rss: ").matcher(screen).find(), screen);
            assertTrue(screen.contains("\nfilesystem: used="), screen);
            assertTrue(screen.contains("\ntelemetry_file: ./data/telemetry/latest.json\nturns: total=0"), screen);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void strictPidThatIsNotRunningIsAnError() throws Exception {
        String[] result = run("monitor", "--once", "--pid", "2147483646");
        assertEquals("1", result[0]);
        assertEquals("Error: process 2147483646 not found\n", result[2]);
    }

    @Test
    void discoveryWithoutAMatchWaits() throws Exception {
        String[] result = run("monitor", "--once", "--process-match", "no-such-process-" + System.nanoTime());
        assertEquals("0", result[0]);
        assertTrue(result[1].contains("[PROCESS]\nprocess: not found (waiting for matching pid)\n"), result[1]);
    }

    @Test
    void sigtermStopsTheMonitorWithExitZero() throws Exception {
        Path env = work.resolve("child.env");
        Files.writeString(env, "RUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "monitor", "--interval-ms", "100",
                "--process-match", "no-such-process-" + System.nanoTime());
        builder.environment().put("RUSTY_PINCH_ENV_FILE", env.toString());
        builder.directory(work.toFile());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process monitor = builder.start();
        StringBuilder out = new StringBuilder();
        java.io.InputStream stdout = monitor.getInputStream();
        while (!out.toString().contains("[STORAGE]")) {
            int c = stdout.read();
            assertTrue(c >= 0, "monitor ended early: " + out);
            out.append((char) c);
        }
        monitor.toHandle().destroy();
        assertTrue(monitor.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        out.append(new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, monitor.exitValue());
        assertTrue(out.toString().endsWith("\nmonitor stopped\n"), out.toString());
    }

    /** A child that burns a little CPU until killed. */
    public static final class SpinningWorker {
        public static void main(String[] args) throws InterruptedException {
            long sink = 0;
            while (true) {
                for (int i = 0; i < 1_000_000; i++) {
                    sink += i;
                }
                if (sink == 42) {
                    System.out.println(sink);
                }
                Thread.sleep(5);
            }
        }
    }
}
