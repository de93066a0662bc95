package dev.rustypinch.distribution.provider;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the real CLI in-process as SPEC §17 sets tests up: a process environment holding only
 * {@code RUSTY_PINCH_ENV_FILE}, which points at a temporary {@code .env}; the default plugins of the
 * unpacked distribution; the data directory under the work directory.
 */
final class ProviderCli {
    /** The unpacked distribution built by {@code package}. */
    static final Path HOME = Path.of(requireNonNull(System.getProperty("dist.unpacked"),
            "dist.unpacked is not set (run through mvn verify)")).toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Map<String, String> dotenv = new LinkedHashMap<>();
    private String stdin = "";

    /** Provider {@code openai} on the fake with model {@code test-model} and fast retries (1 ms backoff, 2 ms cap). */
    static ProviderCli openAiWithFastRetries(Path workDir, FakeProvider fake) {
        return new ProviderCli(workDir).env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "test-model")
                .env("RUSTY_PINCH_API_BASE", fake.url("/v1")).env("RUSTY_PINCH_API_KEY", FakeProvider.KEY)
                .env("RUSTY_PINCH_RETRY_BACKOFF_MS", "1").env("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", "2");
    }

    ProviderCli(Path workDir) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        dotenv.put("RUSTY_PINCH_PLUGINS_DIR", HOME.resolve("plugins").toString());
        dotenv.put("RUSTY_PINCH_DATA_DIR", dataDir().toString());
    }

    Path dataDir() {
        return workDir.resolve("data");
    }

    Path sessionFile(String sanitisedId) {
        return dataDir().resolve("sessions").resolve(sanitisedId + ".jsonl");
    }

    ProviderCli env(String key, String value) {
        dotenv.put(key, value);
        return this;
    }

    ProviderCli stdin(String text) {
        stdin = text;
        return this;
    }

    Result run(String... args) {
        try {
            Path envFile = workDir.resolve("test.env");
            StringBuilder text = new StringBuilder();
            dotenv.forEach((key, value) -> text.append(key).append("='").append(value.replace("'", "'\\''")).append("'\n"));
            Files.writeString(envFile, text, UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), workDir, null,
                    new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                    new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
            return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every file the runtime wrote under the data directory (sessions, telemetry, history). */
    String everythingWritten() throws IOException {
        if (!Files.exists(dataDir())) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(file).append('\n').append(new String(Files.readAllBytes(file), UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    /** The key appears in no output and no file the runtime wrote. */
    void assertSecretAbsent(Result result, String secret) throws IOException {
        assertFalse(result.stdout().contains(secret), "key on stdout");
        assertFalse(result.stderr().contains(secret), "key on stderr");
        assertFalse(everythingWritten().contains(secret), "key in a data file");
    }

    JsonNode telemetry() throws IOException {
        return JSON.readTree(dataDir().resolve("telemetry/latest.json").toFile());
    }

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

        /** stderr lines that are not events. */
        List<String> diagnostics() {
            List<String> lines = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (!line.isEmpty() && !line.startsWith("{")) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The only {@code turn} event. */
        JsonNode turn() {
            List<JsonNode> turns = turns();
            assertEquals(1, turns.size(), this::toString);
            return turns.get(0);
        }

        List<JsonNode> turns() {
            List<JsonNode> turns = new ArrayList<>();
            for (String line : events()) {
                try {
                    JsonNode event = JSON.readTree(line);
                    if ("turn".equals(event.path("event").asText())) {
                        turns.add(event);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return turns;
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
