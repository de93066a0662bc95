package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real CLI in this JVM ({@link Main#run}) with a process environment holding only {@code RUSTY_PINCH_ENV_FILE}
 * and the plugins of the built distribution, on its own thread, bounded by a time limit.
 */
final class InProcessCli {
    record Result(int exitCode, String stdout, String stderr) {
        /** stderr lines that are JSON events. */
        List<String> events() {
            return stderr.lines().filter(line -> line.startsWith("{")).toList();
        }

        /** Events whose {@code event} is {@code name}. */
        List<String> events(String name) {
            return events().stream().filter(line -> line.contains("\"event\":\"" + name + "\"")).toList();
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private InProcessCli() {
    }

    static Result run(Path workDir, WorkerEnv env, Duration limit, String... args) throws Exception {
        Path envFile = env.set("RUSTY_PINCH_PLUGINS_DIR", WorkerEnv.DIST.resolve("plugins").toString())
                .write(workDir.resolve("test.env"));
        Map<String, String> processEnv = Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "in-process-cli");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Integer> code = executor.submit(() -> Main.run(args, processEnv, workDir, null,
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8)));
            try {
                return new Result(code.get(limit.toMillis(), TimeUnit.MILLISECONDS), out.toString(UTF_8), err.toString(UTF_8));
            } catch (TimeoutException e) {
                throw new AssertionError("rusty-pinch " + String.join(" ", args) + " did not finish within " + limit
                        + "\n--- stdout\n" + out.toString(UTF_8) + "--- stderr\n" + err.toString(UTF_8), e);
            } catch (ExecutionException e) {
                throw new AssertionError("rusty-pinch " + String.join(" ", args) + " threw", e.getCause());
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
