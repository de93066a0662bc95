package dev.rustypinch.distribution;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real CLI in-process, as SPEC §17 sets tests up: a clean environment holding only
 * {@code RUSTY_PINCH_ENV_FILE}, pointing at a temporary {@code .env}; the default plugins from the built distribution.
 */
final class CliRun {
    /** The unpacked distribution built by {@code package}. */
    static final Path HOME = Path.of("target", "rusty-pinch-1.0.0").toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) {
        /** stderr lines that are JSON events. */
        List<String> events() {
            List<String> events = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (line.startsWith("{")) {
                    events.add(line);
                }
            }
            return events;
        }
    }

    private final Path workDir;
    private final Map<String, String> dotenv = new HashMap<>();
    private final Map<String, String> processEnv = new HashMap<>();
    private String stdin = "";

    CliRun(Path workDir) {
        this.workDir = workDir;
        dotenv.put("RUSTY_PINCH_PLUGINS_DIR", HOME.resolve("plugins").toString());
    }

    CliRun env(String key, String value) {
        dotenv.put(key, value);
        return this;
    }

    CliRun processEnv(String key, String value) {
        processEnv.put(key, value);
        return this;
    }

    CliRun stdin(String text) {
        stdin = text;
        return this;
    }

    Result run(String... args) throws IOException {
        Path envFile = workDir.resolve("test.env");
        StringBuilder text = new StringBuilder();
        dotenv.forEach((key, value) -> text.append(key).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        Files.writeString(envFile, text, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(processEnv);
        env.putIfAbsent("RUSTY_PINCH_ENV_FILE", envFile.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, workDir, null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
