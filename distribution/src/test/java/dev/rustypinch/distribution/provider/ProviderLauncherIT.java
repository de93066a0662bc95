package dev.rustypinch.distribution.provider;

import static dev.rustypinch.distribution.provider.FakeProvider.KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rusty-pinch run} of the built distribution as a child process against a fake provider: the key
 * comes from the env file, travels only in the {@code Authorization} header, and is on no process command line
 * while the call is in flight (SPEC §0 secrets, §8.2).
 */
class ProviderLauncherIT {
    private static final long LIMIT_SECONDS = 60;

    @TempDir
    Path work;

    private FakeProvider fake;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startFake() throws IOException {
        fake = new FakeProvider();
        fake.server().setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrived.countDown();
                release.await(LIMIT_SECONDS, TimeUnit.SECONDS);
                return FakeProvider.reply("Hello from the fake model.");
            }
        });
    }

    @AfterEach
    void stopFake() {
        release.countDown();
        fake.close();
    }

    @Test
    void runThroughTheLauncherAnswersRecordsAndKeepsTheKeyOffCommandLines() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        Path envFile = work.resolve("provider.env");
        Files.writeString(envFile, "RUSTY_PINCH_PROVIDER=openai\n"
                + "RUSTY_PINCH_MODEL=test-model\n"
                + "RUSTY_PINCH_API_BASE=" + fake.url("/v1/") + "\n"
                + "OPENAI_API_KEY=" + KEY + "\n", UTF_8);
        ProcessBuilder builder = new ProcessBuilder(ProviderCli.HOME.resolve("bin/rusty-pinch").toString(),
                "run", "--session", "e2e", "--message", "Hello, model!");
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", System.getProperty("java.home"),
                "RUSTY_PINCH_ENV_FILE", envFile.toString(), "RUSTY_PINCH_CDS", "off"));
        builder.directory(work.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            assertTrue(arrived.await(LIMIT_SECONDS, TimeUnit.SECONDS), "the call never reached the fake provider");

            List<String> commandLines = commandLines(process.toHandle());
            release.countDown();

            assertTrue(process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "rusty-pinch did not exit");
            String out = stdout.get(10, TimeUnit.SECONDS);
            String err = stderr.get(10, TimeUnit.SECONDS);
            String all = "exit=" + process.exitValue() + "\n--- stdout\n" + out + "--- stderr\n" + err;
            assertEquals(0, process.exitValue(), all);
            assertTrue(commandLines.get(0).contains("dev.rustypinch.runtime.Main"), commandLines::toString);
            for (String commandLine : commandLines) {
                assertFalse(commandLine.contains(KEY), "key on a command line: " + commandLine);
            }

            RecordedRequest request = fake.take();
            assertEquals("/v1/chat/completions", request.getTarget());
            assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));

            assertEquals("Hello from the fake model.\n", out);
            List<String> stderrLines = err.lines().toList();
            assertEquals(1, stderrLines.size(), all);
            JsonNode turn = ProviderCli.JSON.readTree(stderrLines.get(0));
            assertEquals("turn", turn.get("event").asText());
            assertEquals("ok", turn.get("status").asText());
            assertEquals("provider", turn.get("path").asText());
            assertEquals("openai", turn.get("provider").asText());
            assertEquals("test-model", turn.get("model").asText());
            assertEquals("e2e", turn.get("session_id").asText());
            assertEquals(1, turn.get("attempts").asLong());
            assertEquals(13, turn.get("user_chars").asLong());
            assertEquals(26, turn.get("response_chars").asLong());
            assertTrue(turn.get("error").isNull());

            List<String> session = Files.readAllLines(work.resolve("data/sessions/e2e.jsonl"), UTF_8);
            assertEquals(2, session.size());
            assertTrue(session.get(0).startsWith("{\"role\":\"user\",\"content\":\"Hello, model!\",\"timestamp\":\""), session.get(0));
            assertTrue(session.get(1).startsWith("{\"role\":\"assistant\",\"content\":\"Hello from the fake model.\",\"timestamp\":\""),
                    session.get(1));
            String telemetry = Files.readString(work.resolve("data/telemetry/latest.json"), UTF_8);
            assertEquals(turn.get("request_id").asText(),
                    ProviderCli.JSON.readTree(telemetry).get("last_turn").get("request_id").asText());

            assertFalse(out.contains(KEY) || err.contains(KEY), "key in the output");
            assertFalse(String.join("\n", session).contains(KEY) || telemetry.contains(KEY), "key in a data file");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The {@code /proc/<pid>/cmdline} of the process and every descendant, arguments joined by spaces. */
    private static List<String> commandLines(ProcessHandle root) throws IOException {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(root);
        root.descendants().forEach(processes::add);
        List<String> lines = new ArrayList<>();
        for (ProcessHandle handle : processes) {
            Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
            lines.add(new String(Files.readAllBytes(cmdline), UTF_8).replace('\0', ' '));
        }
        return lines;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
