package dev.rustypinch.bench.web;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web worker load: {@code bin/rusty-pinch channels web} (local provider) as a child process, driven by keep-alive
 * HTTP/1.1 clients on loopback. Closed loop across the sessions (turns/s, latency), an open loop at a fixed rate
 * (latency from the scheduled send time, so a stall counts fully), a soak sampling the worker's RSS, then SIGTERM.
 * See {@code bench/web-load.sh}.
 */
public final class WebLoad {
    private static final String TOKEN = "bench-token-7d2f";
    private static final Pattern START = Pattern.compile("\"listen\":\"127\\.0\\.0\\.1:(\\d+)\"");

    private final HttpClient http;
    private final URI chat;
    private final AtomicLong failures = new AtomicLong();

    private WebLoad(HttpClient http, int port) {
        this.http = http;
        this.chat = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory(options.workDir, "pinch-web-load-");
        Path envFile = work.resolve("bench.env");
        Files.writeString(envFile, String.join("\n",
                "RUSTY_PINCH_PROVIDER=local", "RUSTY_PINCH_MODEL=bench-model",
                "RUSTY_PINCH_DATA_DIR=" + work.resolve("data"),
                "RUSTY_PINCH_CHANNELS_WEB_ENABLED=true", "RUSTY_PINCH_CHANNELS_WEB_TOKEN=" + TOKEN,
                "RUSTY_PINCH_CHANNELS_WEB_LISTEN=127.0.0.1:0", "") , UTF_8);
        ProcessBuilder builder = new ProcessBuilder(options.home.resolve("bin/rusty-pinch").toString(), "channels", "web")
                .directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        builder.environment().put("RUSTY_PINCH_JAVA_OPTS", options.javaOpts);
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        if (arenas != null) {
            builder.environment().put("MALLOC_ARENA_MAX", arenas);
        }
        Process worker = builder.start();
        StderrWatch stderr = new StderrWatch(worker);
        ExecutorService clients = Executors.newFixedThreadPool(options.sessions);
        ExecutorService responses = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(responses).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            WebLoad load = new WebLoad(http, stderr.awaitPort());
            System.out.printf(Locale.ROOT, "web load: %d sessions, data in %s, JAVA_OPTS='%s', MALLOC_ARENA_MAX=%s%n",
                    options.sessions, work, options.javaOpts, arenas == null ? "unset" : arenas);
            load.closedLoop(clients, options.sessions, options.warmup, "warm-up", worker);
            load.closedLoop(clients, options.sessions, options.turns, "closed loop", worker);
            load.openLoop(options.sessions, options.rate, options.rateSeconds);
            long done = options.warmup + options.turns + (long) options.rate * options.rateSeconds;
            while (done < options.soak) {
                int batch = (int) Math.min(10_000, options.soak - done);
                load.closedLoop(clients, options.sessions, batch, "soak", worker);
                done += batch;
            }
            System.out.printf(Locale.ROOT, "failed requests: %d, channel_message_dropped events: %d%n", load.failures.get(),
                    stderr.count("channel_message_dropped"));
            long signalled = System.nanoTime();
            worker.destroy();
            boolean stopped = worker.waitFor(30, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "SIGTERM: exit %s after %d ms%n", stopped ? worker.exitValue() : "none",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
        } finally {
            clients.shutdownNow();
            responses.shutdownNow();
            worker.destroyForcibly();
        }
    }

    private HttpRequest request(String session, long n) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"turn " + n + "\"}],\"user\":\"" + session + "\"}";
        return HttpRequest.newBuilder(chat).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)).build();
    }

    private boolean ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            failures.incrementAndGet();
            return false;
        }
        return true;
    }

    /** {@code sessions} clients, one session each, each sending its next request when the previous one is answered. */
    private void closedLoop(ExecutorService clients, int sessions, int turns, String label, Process worker) throws Exception {
        AtomicLong remaining = new AtomicLong(turns);
        long[] latencies = new long[turns];
        AtomicLong index = new AtomicLong();
        CountDownLatch done = new CountDownLatch(sessions);
        long started = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            String session = "load-" + s;
            clients.execute(() -> {
                try {
                    while (remaining.getAndDecrement() > 0) {
                        long sent = System.nanoTime();
                        ok(http.send(request(session, sent), HttpResponse.BodyHandlers.ofString(UTF_8)));
                        latencies[(int) index.getAndIncrement()] = System.nanoTime() - sent;
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%-11s %7d turns in %6.2f s = %7.0f turns/s; p50 %6.2f ms p99 %6.2f ms; worker RSS %s%n",
                label, turns, seconds, turns / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), rss(worker));
    }

    /** One request every {@code 1/rate} s, round robin over the sessions, whatever the answers do. */
    private void openLoop(int sessions, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        List<CompletableFuture<?>> pending = new ArrayList<>(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int slot = i;
            pending.add(http.sendAsync(request("load-" + (i % sessions), i), HttpResponse.BodyHandlers.ofString(UTF_8))
                    .thenAccept(response -> {
                        ok(response);
                        latencies[slot] = System.nanoTime() - scheduled;
                    }).exceptionally(e -> {
                        failures.incrementAndGet();
                        latencies[slot] = Long.MAX_VALUE;
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "open loop   %7d turns at %d/s (achieved %.0f/s); p50 %6.2f ms p90 %6.2f ms p99 %6.2f ms max %7.2f ms%n",
                total, rate, total / elapsed, percentile(latencies, 0.50), percentile(latencies, 0.90),
                percentile(latencies, 0.99), latencies[total - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String rss(Process worker) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(worker.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "n/a";
        }
        return "n/a";
    }

    /** The worker's stderr: the bound port from {@code channel_start}, then event counts. */
    private static final class StderrWatch {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Integer> port = new CompletableFuture<>();

        StderrWatch(Process worker) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(worker.getErrorStream(), UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        Matcher matcher = START.matcher(line);
                        if (matcher.find()) {
                            port.complete(Integer.parseInt(matcher.group(1)));
                        } else if (!line.contains("\"event\":\"turn\"")) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new IllegalStateException("worker ended before channel_start: " + lines));
            }, "web-load-stderr");
            reader.setDaemon(true);
            reader.start();
        }

        int awaitPort() throws Exception {
            return port.get(60, TimeUnit.SECONDS);
        }

        long count(String event) {
            synchronized (lines) {
                return lines.stream().filter(line -> line.contains("\"event\":\"" + event + "\"")).count();
            }
        }
    }

    private record Options(Path home, int sessions, int warmup, int turns, int rate, int rateSeconds, long soak,
                           Path workDir, String javaOpts) {
        static Options parse(String[] args) {
            Path home = Path.of(args[0]).toAbsolutePath();
            int sessions = 100;
            int warmup = 5_000;
            int turns = 20_000;
            int rate = 500;
            int rateSeconds = 10;
            long soak = 100_000;
            Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
            String javaOpts = "";
            for (int i = 1; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--sessions" -> sessions = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--turns" -> turns = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--rate-seconds" -> rateSeconds = Integer.parseInt(value);
                    case "--soak" -> soak = Long.parseLong(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    case "--java-opts" -> javaOpts = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(home, sessions, warmup, turns, rate, rateSeconds, soak, workDir, javaOpts);
        }
    }
}
