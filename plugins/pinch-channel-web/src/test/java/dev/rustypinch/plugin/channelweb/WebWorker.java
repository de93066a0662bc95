package dev.rustypinch.plugin.channelweb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rusty-pinch channels web --max-messages N} run through the real runtime in-process (bus, turn pipeline,
 * session store, plugin loading), with this module's plugin jarred at test time, the local provider and a clean
 * environment holding only {@code RUSTY_PINCH_ENV_FILE} (SPEC §17).
 */
final class WebWorker implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";
    static final String MODEL = "test-model";
    private static final Pattern LISTEN = Pattern.compile("\"listen\":\"127\\.0\\.0\\.1:(\\d+)\"");

    private final Path work;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private WebWorker(Path work) {
        this.work = work;
    }

    static WebWorker start(Path work, long maxMessages, Map<String, String> extraEnv) throws Exception {
        Path plugins = TestPluginsDir.build(Files.createDirectories(work.resolve("plugins")));
        Map<String, String> env = new TreeMap<>();
        env.put("RUSTY_PINCH_PLUGINS_DIR", plugins.toString());
        env.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        env.put("RUSTY_PINCH_PROVIDER", "local");
        env.put("RUSTY_PINCH_MODEL", MODEL);
        env.put("RUSTY_PINCH_CHANNELS_WEB_ENABLED", "true");
        env.put("RUSTY_PINCH_CHANNELS_WEB_TOKEN", TOKEN);
        env.put("RUSTY_PINCH_CHANNELS_WEB_LISTEN", "127.0.0.1:0");
        env.putAll(extraEnv);
        StringBuilder dotenv = new StringBuilder();
        env.forEach((key, value) -> dotenv.append(key).append("='").append(value).append("'\n"));
        Path envFile = Files.writeString(work.resolve("test.env"), dotenv, UTF_8);
        WebWorker worker = new WebWorker(work);
        Thread thread = new Thread(() -> {
            try {
                worker.exit.complete(Main.run(new String[] {"channels", "web", "--max-messages", Long.toString(maxMessages)},
                        Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null, new ByteArrayInputStream(new byte[0]),
                        new PrintStream(new ByteArrayOutputStream(), true, UTF_8), new PrintStream(worker.err, true, UTF_8)));
            } catch (Throwable e) {
                worker.exit.completeExceptionally(e);
            }
        }, "web-worker-under-test");
        thread.setDaemon(true);
        thread.start();
        worker.awaitStart();
        return worker;
    }

    private void awaitStart() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTEN.matcher(stderr());
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                return;
            }
            if (exit.isDone()) {
                throw new AssertionError("the worker ended before channel_start:\n" + stderr());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no channel_start within 30 s:\n" + stderr());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    Path sessionFile(String sanitisedId) {
        return work.resolve("data").resolve("sessions").resolve(sanitisedId + ".jsonl");
    }

    String stderr() {
        return err.toString(UTF_8);
    }

    List<String> events(String name) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr().split("\n")) {
            if (line.startsWith("{") && line.contains("\"event\":\"" + name + "\"")) {
                lines.add(line);
            }
        }
        return lines;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    HttpRequest.Builder chat(String body) {
        return HttpRequest.newBuilder(uri("/v1/chat/completions")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET();
    }

    static String userMessage(String user, String text) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}],\"model\":\"any\",\"user\":\"" + user + "\"}";
    }

    /** Waits for the worker to end by itself. */
    int awaitExit(Duration limit) throws InterruptedException {
        try {
            return exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the worker did not stop within " + limit + ":\n" + stderr());
        } catch (ExecutionException e) {
            throw new AssertionError("the worker crashed:\n" + stderr(), e.getCause());
        }
    }

    /** Ends the worker the way its {@code --max-messages} allows: filler turns until it stops. */
    @Override
    public void close() throws Exception {
        int sent = 0;
        while (!exit.isDone() && sent++ < 10_000) {
            try {
                send(chat(userMessage("filler", "filler")));
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        awaitExit(Duration.ofSeconds(30));
    }
}
