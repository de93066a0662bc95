package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.distribution.FileModes;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A worker started through the real launcher {@code bin/rusty-pinch} of the built distribution, as a child process
 * with a clean environment ({@code PATH}, {@code JAVA_HOME}, {@code RUSTY_PINCH_ENV_FILE}). Its stdout and stderr are
 * read live; {@link #close()} kills it if it is still running.
 */
final class WorkerProcess implements AutoCloseable {
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final CountDownLatch stdoutEnd = new CountDownLatch(1);
    private final CountDownLatch stderrEnd = new CountDownLatch(1);

    private WorkerProcess(Process process) {
        this.process = process;
        reader(process.getInputStream(), stdout, stdoutEnd, "worker-stdout");
        reader(process.getErrorStream(), stderr, stderrEnd, "worker-stderr");
    }

    /** Writes {@code env} to {@code <workDir>/test.env} and launches {@code rusty-pinch <args>} in {@code workDir}. */
    static WorkerProcess launch(Path workDir, WorkerEnv env, String... args) throws IOException {
        return start(workDir, env, launcherCommand(args));
    }

    /** Like {@link #launch}, under the permissive {@code umask 022} of {@link FileModes}. */
    static WorkerProcess launchUnderUmask(Path workDir, WorkerEnv env, String... args) throws IOException {
        return start(workDir, env, FileModes.underUmask(launcherCommand(args)));
    }

    /**
     * Like {@link #launch}, run by {@code sh -c <script> <launcher> <args…>}: the script prepares the process (its
     * last word is typically {@code exec "$0" "$@"}); {@code prefix} goes before {@code sh}.
     */
    static WorkerProcess launchThrough(List<String> prefix, String script, Path workDir, WorkerEnv env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", script));
        command.addAll(launcherCommand(args));
        return start(workDir, env, command);
    }

    private static List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(WorkerEnv.DIST.resolve("bin/rusty-pinch").toString());
        command.addAll(List.of(args));
        return command;
    }

    private static WorkerProcess start(Path workDir, WorkerEnv env, List<String> command) throws IOException {
        Path envFile = env.write(workDir.resolve("test.env"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = new TreeMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        environment.put("RUSTY_PINCH_CDS", "off");
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new WorkerProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}, {@code KILL}) with {@code kill(1)}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new AssertionError("kill -s " + name + " did not finish");
        }
    }

    /** Waits for the process to end; false when it still runs after {@code limit}. */
    boolean waitFor(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    /** The process's command line as {@code /proc} shows it to every user, NUL separators as spaces. */
    String commandLine() throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), UTF_8)
                .replace('\0', ' ');
    }

    /** Waits for a stderr line matching {@code test} and returns it. */
    String awaitStderr(Predicate<String> test, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (stderr) {
            while (true) {
                for (String line : stderr) {
                    if (test.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching stderr line within " + limit + "\n" + this);
                }
                stderr.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits for the event line {@code {...,"event":"<name>",...}}. */
    String awaitEvent(String name, Duration limit) throws InterruptedException {
        return awaitStderr(line -> line.startsWith("{") && line.contains("\"event\":\"" + name + "\""), limit);
    }

    /** Waits until at least {@code count} event lines named {@code name} were written. */
    void awaitEvents(String name, int count, Duration limit) throws InterruptedException {
        awaitStderr(line -> events(name).size() >= count, limit);
    }

    /** Every stderr line so far. */
    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** The stderr event lines so far whose {@code event} is {@code name}. */
    List<String> events(String name) {
        return stderrLines().stream()
                .filter(line -> line.startsWith("{") && line.contains("\"event\":\"" + name + "\""))
                .toList();
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** Waits until the readers saw the end of both streams (after the process ended). */
    void awaitOutputEnd() throws InterruptedException {
        if (!stdoutEnd.await(KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                || !stderrEnd.await(KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the worker's output did not end\n" + this);
        }
    }

    private static void reader(InputStream stream, List<String> lines, CountDownLatch end, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("(read failed: " + e + ")");
                }
            } finally {
                end.countDown();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String toString() {
        return "pid=" + process.pid() + (process.isAlive() ? " running" : " exit=" + process.exitValue())
                + "\n--- stdout\n" + String.join("\n", stdoutLines()) + "\n--- stderr\n" + String.join("\n", stderrLines());
    }
}
