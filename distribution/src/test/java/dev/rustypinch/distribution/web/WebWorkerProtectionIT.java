package dev.rustypinch.distribution.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.distribution.FileModes;
import dev.rustypinch.distribution.UnitSandbox;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rusty-pinch channels web --max-messages 1} of the built distribution (SPEC §21): under the usual
 * {@code umask 022} it leaves only {@code 0700} directories and {@code 0600} files, and inside the units' sandbox with
 * their system call filter ({@link UnitSandbox}) it serves and answers a chat request.
 */
class WebWorkerProtectionIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("dist.unpacked", "target/none")).toAbsolutePath();
    private static final Pattern START = Pattern.compile(
            "\\{\"channel\":\"web\",\"event\":\"channel_start\",\"listen\":\"127\\.0\\.0\\.1:(\\d+)\",\"max_messages\":1}");
    private static final String TOKEN = "it-token-7d2e4a11";
    private static final String REPLY = "\"content\":\"[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.\"";

    @TempDir
    Path work;

    private Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWebWorkerLeavesOnlyPrivateDirectoriesAndFilesUnderUmask022() throws Exception {
        answersOneRequest(FileModes.underUmask(launcher()));

        Map<String, String> modes = FileModes.under(work.resolve("data"));
        assertTrue(modes.containsKey("sessions/web_alice.jsonl"), modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }

    @Test
    void aWebWorkerAnswersUnderTheUnitsSystemCallFilter() throws Exception {
        List<String> command = new ArrayList<>(UnitSandbox.UNSHARE);
        command.addAll(List.of("sh", "-c", UnitSandbox.procAndDevAndSystemCallFilter(work)));
        command.addAll(launcher());

        answersOneRequest(command);

        assertEquals(Map.of(), FileModes.notPrivate(FileModes.under(work.resolve("data"))));
    }

    private static List<String> launcher() {
        return List.of(DISTRIBUTION.resolve("bin/rusty-pinch").toString(), "channels", "web", "--max-messages", "1");
    }

    private void answersOneRequest(List<String> command) throws Exception {
        Path envFile = Files.writeString(work.resolve("test.env"), String.join("\n",
                "RUSTY_PINCH_DATA_DIR='" + work.resolve("data") + "'",
                "RUSTY_PINCH_PROVIDER=local",
                "RUSTY_PINCH_MODEL=test-model",
                "RUSTY_PINCH_CHANNELS_WEB_ENABLED=true",
                "RUSTY_PINCH_CHANNELS_WEB_TOKEN=" + TOKEN,
                "RUSTY_PINCH_CHANNELS_WEB_LISTEN=127.0.0.1:0", ""), UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process = builder.start();
        Thread reader = new Thread(this::readStderr, "web-protection-stderr");
        reader.setDaemon(true);
        reader.start();
        int port = awaitPort();

        HttpResponse<String> reply = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"user\":\"alice\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains(REPLY), reply.body());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> "the worker did not stop after one message:\n" + stderr);
        assertEquals(0, process.exitValue(), () -> String.join("\n", stderr));
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                Matcher matcher = START.matcher(line);
                if (matcher.matches()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            assertTrue(process.isAlive(), () -> "the worker ended before channel_start:\n" + String.join("\n", stderr));
            Thread.sleep(20);
        }
        throw new AssertionError("no channel_start within 60 s:\n" + String.join("\n", stderr));
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stderr.add(line);
            }
        } catch (IOException e) {
            stderr.add("(stderr unreadable: " + e + ")");
        }
    }
}
