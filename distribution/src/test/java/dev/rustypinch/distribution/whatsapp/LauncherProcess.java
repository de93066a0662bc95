package dev.rustypinch.distribution.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.distribution.FileModes;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/rusty-pinch <args>} of the unpacked distribution as a child process with a clean environment
 * ({@code PATH}, {@code JAVA_HOME}, {@code RUSTY_PINCH_ENV_FILE}). Its stderr lines are collected as they arrive so a
 * test can wait for an event; {@link #close()} kills it if it is still running.
 */
final class LauncherProcess implements AutoCloseable {
    private final Process process;
    private final List<String> stderrLines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> stdout;
    private final Thread stderrReader;

    private LauncherProcess(Process process) {
        this.process = process;
        this.stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        this.stderrReader = new Thread(this::readStderr, "launcher-stderr");
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
    }

    static LauncherProcess start(Path workDir, Path envFile, String... args) throws IOException {
        return launch(workDir, envFile, launcherCommand(args));
    }

    /** Like {@link #start}, under the permissive {@code umask 022} of {@link FileModes}. */
    static LauncherProcess startUnderUmask(Path workDir, Path envFile, String... args) throws IOException {
        return launch(workDir, envFile, FileModes.underUmask(launcherCommand(args)));
    }

    /** Like {@link #start}, run by {@code <prefix…> sh -c <script> <launcher> <args…>}. */
    static LauncherProcess startThrough(List<String> prefix, String script, Path workDir, Path envFile, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", script));
        command.addAll(launcherCommand(args));
        return launch(workDir, envFile, command);
    }

    private static List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(WorkerRun.DISTRIBUTION.resolve("bin/rusty-pinch").toString());
        command.addAll(List.of(args));
        return command;
    }

    private static LauncherProcess launch(Path workDir, Path envFile, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        builder.environment().put("RUSTY_PINCH_CDS", "off");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new LauncherProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a stderr line equal to {@code line} has arrived, or fails with what did arrive. */
    void awaitLine(String line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!stderrLines.contains(line)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !stderrReader.isAlive()) {
                throw new AssertionError("no stderr line " + line + " within " + limit + "; stderr:\n" + stderr());
            }
            Thread.sleep(10);
        }
    }

    /** Sends a signal ({@code TERM}, {@code INT}) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new AssertionError("kill -s " + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code, or empty when the process is still running after {@code limit}. */
    OptionalInt awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        stderrReader.join(5_000);
        return OptionalInt.of(process.exitValue());
    }

    List<String> stderrLines() {
        return List.copyOf(stderrLines);
    }

    String stderr() {
        return String.join("\n", stderrLines);
    }

    String stdout() {
        return stdout.join();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stderrLines.add(line);
            }
        } catch (IOException e) {
            stderrLines.add("(stderr unreadable: " + e + ")");
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
