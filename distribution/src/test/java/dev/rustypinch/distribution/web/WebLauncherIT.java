package dev.rustypinch.distribution.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rusty-pinch channels web} of the built distribution as a real child process (SPEC §20): the default
 * plugins, a chat request answered by the local provider, and SIGTERM while a turn is running — intake stops, the
 * running turn finishes and is answered, {@code channel_stop} with reason {@code signal}, exit 0.
 */
class WebLauncherIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("dist.unpacked", "target/none")).toAbsolutePath();
    private static final Pattern START = Pattern.compile(
            "\\{\"channel\":\"web\",\"event\":\"channel_start\",\"listen\":\"127\\.0\\.0\\.1:(\\d+)\",\"max_messages\":null}");
    private static final String TOKEN = "it-token-5f1c0b9e";
    private static final String STOP_SIGNAL = "{\"channel\":\"web\",\"event\":\"channel_stop\",\"reason\":\"signal\"}";

    @TempDir
    Path work;

    private Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private int start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new TreeMap<>();
        env.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        env.put("RUSTY_PINCH_PROVIDER", "local");
        env.put("RUSTY_PINCH_MODEL", "test-model");
        env.put("RUSTY_PINCH_CHANNELS_WEB_ENABLED", "true");
        env.put("RUSTY_PINCH_CHANNELS_WEB_TOKEN", TOKEN);
        env.put("RUSTY_PINCH_CHANNELS_WEB_LISTEN", "127.0.0.1:0");
        env.putAll(extra);
        StringBuilder text = new StringBuilder();
        env.forEach((key, value) -> text.append(key).append("='").append(value).append("'\n"));
        Path envFile = Files.writeString(work.resolve("test.env"), text, UTF_8);
        ProcessBuilder builder = new ProcessBuilder(DISTRIBUTION.resolve("bin/rusty-pinch").toString(), "channels", "web")
                .directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process = builder.start();
        Thread reader = new Thread(this::readStderr, "web-launcher-stderr");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
        throw new AssertionError("no channel_start within 30 s:\n" + String.join("\n", stderr));
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

    private HttpRequest chat(int port, String user, String text) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                        + "\"}],\"user\":\"" + user + "\"}")).build();
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill failed");
    }

    @Test
    void theChatPageAndAChatTurnWorkThroughTheLauncherAndSigtermStopsIt() throws Exception {
        int port = start(Map.of());

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> reply = http.send(chat(port, "e2e", "hello"), HttpResponse.BodyHandlers.ofString());
        signal("TERM");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"input\""));
        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("\"content\":\"[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.\""),
                reply.body());
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the worker did not stop after SIGTERM");
        assertEquals(0, process.exitValue(), () -> String.join("\n", stderr));
        assertTrue(Files.readString(work.resolve("data/sessions/web_e2e.jsonl"), UTF_8).contains("hello"));
        List<String> events = stderr.stream().filter(line -> line.startsWith("{")).toList();
        assertEquals(List.of("{\"event\":\"channel_signal\",\"signal\":\"terminate\",\"action\":\"graceful_stop\"}", STOP_SIGNAL),
                events.subList(events.size() - 2, events.size()), () -> String.join("\n", stderr));
        assertTrue(stderr.stream().noneMatch(line -> line.contains(TOKEN)), "the token never appears");
    }

    @Test
    void aTurnRunningAtSigtermFinishesAndIsAnsweredWhileNewRequestsAreRefused() throws Exception {
        CountDownLatch providerCalled = new CountDownLatch(1);
        CountDownLatch signalled = new CountDownLatch(1);
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    providerCalled.countDown();
                    signalled.await(10, TimeUnit.SECONDS);
                    Thread.sleep(300);
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                            .body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"finished anyway\"}}]}").build();
                }
            });
            provider.start(InetAddress.getByName("127.0.0.1"), 0);
            int port = start(Map.of("RUSTY_PINCH_PROVIDER", "vllm", "RUSTY_PINCH_API_BASE", provider.url("/v1").toString(),
                    "RUSTY_PINCH_API_KEY", "test-key"));
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(chat(port, "drain", "long question"),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(providerCalled.await(20, TimeUnit.SECONDS), () -> "the turn never reached the provider:\n" + stderr);

            signal("TERM");
            awaitLine("{\"event\":\"channel_signal\",\"signal\":\"terminate\",\"action\":\"graceful_stop\"}");
            HttpResponse<String> refused = http.send(chat(port, "late", "too late"), HttpResponse.BodyHandlers.ofString());
            signalled.countDown();
            HttpResponse<String> answered = inFlight.get(20, TimeUnit.SECONDS);

            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"code\":\"unavailable\""), refused.body());
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("\"content\":\"finished anyway\""), answered.body());
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the worker did not stop after the drain");
            assertEquals(0, process.exitValue(), () -> String.join("\n", stderr));
            assertEquals(STOP_SIGNAL, stderr.stream().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElse(""));
            assertEquals(2, Files.readAllLines(work.resolve("data/sessions/web_drain.jsonl"), UTF_8).size());
        }
    }

    private void awaitLine(String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!stderr.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line " + line + ":\n" + String.join("\n", stderr));
            }
            Thread.sleep(10);
        }
    }
}
