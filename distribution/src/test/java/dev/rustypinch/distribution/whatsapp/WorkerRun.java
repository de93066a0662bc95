package dev.rustypinch.distribution.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code rusty-pinch channels whatsapp …} run in-process through {@link Main#run} on its own thread, set up as SPEC §17
 * says: a clean environment holding only {@code RUSTY_PINCH_ENV_FILE}, a temporary {@code .env}, the default plugins of
 * the unpacked distribution, the local provider and a data directory under the test's directory.
 */
final class WorkerRun {
    static final Path DISTRIBUTION = Path.of(requireNonNull(System.getProperty("dist.unpacked"),
            "dist.unpacked is not set (run through mvn verify)")).toAbsolutePath();
    static final String MODEL = "test-model";

    private final Path workDir;
    private final Map<String, String> dotenv = new TreeMap<>();

    WorkerRun(Path workDir, String bridgeUrl) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        dotenv.put("RUSTY_PINCH_PLUGINS_DIR", DISTRIBUTION.resolve("plugins").toString());
        dotenv.put("RUSTY_PINCH_DATA_DIR", dataDir().toString());
        dotenv.put("RUSTY_PINCH_PROVIDER", "local");
        dotenv.put("RUSTY_PINCH_MODEL", MODEL);
        dotenv.put("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", "true");
        dotenv.put("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", bridgeUrl);
        dotenv.put("RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "250");
    }

    WorkerRun env(String key, String value) {
        dotenv.put(key, value);
        return this;
    }

    Path dataDir() {
        return workDir.resolve("data");
    }

    Path sessionFile(String sanitisedId) {
        return dataDir().resolve("sessions").resolve(sanitisedId + ".jsonl");
    }

    /** The {@code .env} this run reads; the launcher tests point a child process at it. */
    Path writeEnvFile() throws IOException {
        StringBuilder text = new StringBuilder();
        dotenv.forEach((key, value) -> text.append(key).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        return Files.writeString(workDir.resolve("test.env"), text, UTF_8);
    }

    /** Starts the command on a thread named {@code whatsapp-worker-under-test}. */
    Running start(String... args) throws IOException {
        Path envFile = writeEnvFile();
        Map<String, String> env = Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(Main.run(args, env, workDir, null, new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8)));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "whatsapp-worker-under-test");
        thread.setDaemon(true);
        thread.start();
        return new Running(exit, out, err);
    }

    /** A command that is running or has ended. */
    static final class Running {
        private final CompletableFuture<Integer> exit;
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;

        private Running(CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        /** Waits for the command to end; fails the test with everything it wrote when it does not. */
        Result await(Duration limit) throws InterruptedException {
            try {
                int code = exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
            } catch (TimeoutException e) {
                throw new AssertionError("the worker did not stop within " + limit + "; stderr so far:\n" + err.toString(UTF_8));
            } catch (ExecutionException e) {
                throw new AssertionError("the worker crashed; stderr:\n" + err.toString(UTF_8), e.getCause());
            }
        }
    }

    /** How the command ended and what it wrote. */
    record Result(int exitCode, String stdout, String stderr) {
        /** stderr lines that are JSON events (SPEC §0: every line starting with '{'). */
        List<String> events() {
            List<String> events = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (line.startsWith("{")) {
                    events.add(line);
                }
            }
            return events;
        }

        /** The event lines of one event, e.g. {@code channel_start}. */
        List<String> events(String name) {
            String marker = "\"event\":\"" + name + "\"";
            return events().stream().filter(line -> line.contains(marker)).collect(Collectors.toList());
        }

        /** The event names in the order they were written. */
        List<String> eventNames() {
            List<String> names = new ArrayList<>();
            for (String line : events()) {
                int start = line.indexOf("\"event\":\"") + "\"event\":\"".length();
                names.add(line.substring(start, line.indexOf('"', start)));
            }
            return names;
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
