package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a channel worker through the distribution's launcher for start-up measurements, and summarises the times:
 * the worker gets {@code PATH}, {@code JAVA_HOME}, the env file and every {@code RUSTY_PINCH_*} variable of this
 * process (so {@code RUSTY_PINCH_CDS} and {@code RUSTY_PINCH_JAVA_OPTS} reach it).
 */
public final class WorkerLaunch {
    private WorkerLaunch() {
    }

    /**
     * @param extraJavaOpts JVM options appended to {@code RUSTY_PINCH_JAVA_OPTS} (may be empty)
     */
    public static Process start(Path home, Path work, Path envFile, String extraJavaOpts, String... args) throws IOException {
        requireNonNull(extraJavaOpts, "extraJavaOpts is null");
        String[] command = new String[args.length + 1];
        command[0] = home.resolve("bin/rusty-pinch").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("worker.stderr").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", javaHome());
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("RUSTY_PINCH_")) {
                env.put(name, value);
            }
        });
        env.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        String javaOpts = (env.getOrDefault("RUSTY_PINCH_JAVA_OPTS", "") + " " + extraJavaOpts).trim();
        if (!javaOpts.isEmpty()) {
            env.put("RUSTY_PINCH_JAVA_OPTS", javaOpts);
        }
        return builder.start();
    }

    /**
     * Creates the class-data-sharing archive the launcher would use with these JVM options ({@code bin/rusty-pinch-cds}),
     * unless {@code RUSTY_PINCH_CDS} is {@code off} here; a measurement with sharing on then never pays for training.
     */
    public static void trainArchive(Path home, String extraJavaOpts) throws IOException, InterruptedException {
        if ("off".equals(System.getenv("RUSTY_PINCH_CDS"))) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/rusty-pinch-cds").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        String javaOpts = (System.getenv().getOrDefault("RUSTY_PINCH_JAVA_OPTS", "") + " " + extraJavaOpts).trim();
        builder.environment().put("RUSTY_PINCH_JAVA_OPTS", javaOpts);
        builder.environment().put("JAVA_HOME", javaHome());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("bin/rusty-pinch-cds failed: " + output);
        }
    }

    /** The JDK the worker runs on: {@code JAVA_HOME}, else this JVM's (the archive key includes it). */
    private static String javaHome() {
        String javaHome = System.getenv("JAVA_HOME");
        return javaHome != null ? javaHome : System.getProperty("java.home");
    }

    /** SIGTERM (a graceful stop), then SIGKILL after 10 s. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code median <m> ms (min <a>, max <b>, n=<n>)}. */
    public static String summary(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %d ms (min %d, max %d, n=%d)", median(sorted), sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    /** The median of sorted values (the lower middle one for an even count). */
    public static long median(long[] sorted) {
        return sorted[(sorted.length - 1) / 2];
    }
}
