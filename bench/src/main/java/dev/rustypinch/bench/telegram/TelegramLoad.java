package dev.rustypinch.bench.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Load run of the Telegram worker: the real launcher {@code bin/rusty-pinch channels telegram} with the local
 * provider against {@link FakeTelegramServer}. Each of N chats sends its next message as soon as the reply to the
 * previous one arrives (N conversations in flight, closed loop) until every chat sent M; or, with {@code --rate R},
 * messages are queued at R per second whatever the replies do (open loop, chats in turn). Prints turns/s, the
 * delivery-to-reply latency percentiles, the time from launch to the first poll, and the worker's RSS at start, every
 * 1,000 turns and at the end (from {@code /proc/<pid>/status}), plus its CPU time per turn.
 *
 * <pre>
 * java -cp bench/target/classes dev.rustypinch.bench.telegram.TelegramLoad --home DIST --work DIR [--chats 50] [--messages 200] [--rate R]
 * </pre>
 *
 * Every {@code RUSTY_PINCH_*} variable of this process is passed to the worker (the process environment beats the
 * generated {@code .env}), e.g. {@code RUSTY_PINCH_JAVA_OPTS} or {@code RUSTY_PINCH_DATA_DIR}. Keep N at most the bus
 * capacity (100 by default), and R below the worker's capacity, so nothing is dropped.
 */
public final class TelegramLoad {
    private static final String TOKEN = "424242:load-secret";
    private static final int RSS_EVERY = 1000;
    private static final int WARM_UP_TURNS = 1000;
    private static final long STALL_MILLIS = 20_000;

    private final Path home;
    private final Path work;
    private final int chats;
    private final int messages;
    private final int total;
    private final double rate;
    private final long[] latencies;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicIntegerArray sentPerChat;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> rssSamples = new ArrayList<>();
    private volatile FakeTelegramServer server;
    private volatile long pid;

    private TelegramLoad(Path home, Path work, int chats, int messages, double rate) {
        this.home = home;
        this.work = work;
        this.chats = chats;
        this.messages = messages;
        this.total = chats * messages;
        this.rate = rate;
        this.latencies = new long[total];
        this.sentPerChat = new AtomicIntegerArray(chats);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path home = Path.of(required(options, "home")).toAbsolutePath();
        Path work = Path.of(required(options, "work")).toAbsolutePath();
        int chats = Integer.parseInt(options.getOrDefault("chats", "50"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "200"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        System.exit(new TelegramLoad(home, work, chats, messages, rate).run());
    }

    private int run() throws Exception {
        Files.createDirectories(work);
        try (FakeTelegramServer fake = new FakeTelegramServer(TOKEN, this::replied)) {
            server = fake;
            Path envFile = work.resolve("load.env");
            Files.writeString(envFile, String.join("\n",
                    "RUSTY_PINCH_PROVIDER=local",
                    "RUSTY_PINCH_MODEL=bench",
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true",
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=" + TOKEN,
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=" + fake.apiBase(),
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS=30",
                    ""), UTF_8);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/rusty-pinch").toString(), "channels", "telegram")
                    .directory(work.toFile())
                    .redirectOutput(work.resolve("worker.stdout").toFile())
                    .redirectError(work.resolve("worker.stderr").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("RUSTY_PINCH_"));
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("RUSTY_PINCH_")) {
                    env.put(name, value);
                }
            });
            env.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
            long launched = System.nanoTime();
            Process process = builder.start();
            pid = process.pid();
            try {
                return measure(fake, process, launched);
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private int measure(FakeTelegramServer fake, Process process, long launched) throws Exception {
        long firstPoll = fake.awaitFirstPoll(30_000);
        if (firstPoll == 0) {
            System.err.println("no getUpdates within 30 s; see " + work.resolve("worker.stderr"));
            return 1;
        }
        System.out.printf(Locale.ROOT, "launch to first poll: %d ms (worker cpu so far: %d ms)%n", (firstPoll - launched) / 1_000_000,
                cpuMillis(pid));
        System.out.printf(Locale.ROOT, "rss at first poll: %s%n", rss());
        Thread.sleep(1000);
        System.out.printf(Locale.ROOT, "rss idle 1 s later: %s%n", rss());
        long cpuBefore = cpuMillis(pid);
        long driverCpuBefore = cpuMillis(ProcessHandle.current().pid());
        long start = System.nanoTime();
        if (rate > 0) {
            feedAtRate(fake, start);
        } else {
            for (int chat = 0; chat < chats; chat++) {
                sentPerChat.incrementAndGet(chat);
                fake.addMessage(chatId(chat));
            }
        }
        boolean finished = awaitAllReplies();
        long elapsed = System.nanoTime() - start;
        long cpu = cpuMillis(pid) - cpuBefore;
        long driverCpu = cpuMillis(ProcessHandle.current().pid()) - driverCpuBefore;
        int turns = completed.get();
        if (!finished) {
            System.err.printf(Locale.ROOT, "only %d of %d turns answered; see %s%n", turns, total, work.resolve("worker.stderr"));
        }
        System.out.printf(Locale.ROOT, "chats=%d messages/chat=%d feed=%s turns=%d unmatched_replies=%d dropped=%d%n", chats,
                messages, rate > 0 ? "open loop at " + rate + " messages/s" : "closed loop", turns, fake.unmatchedReplies(),
                droppedEvents());
        System.out.printf(Locale.ROOT, "throughput: %.1f turns/s (%.2f s)%n", turns / (elapsed / 1e9), elapsed / 1e9);
        System.out.printf(Locale.ROOT, "worker cpu: %d ms = %.2f ms/turn; driver and fake Bot API cpu: %.2f ms/turn%n", cpu,
                perTurn(cpu, turns), perTurn(driverCpu, turns));
        printLatency("latency all", Arrays.copyOf(latencies, turns));
        if (turns > WARM_UP_TURNS) {
            printLatency("latency after " + WARM_UP_TURNS + " warm-up turns", Arrays.copyOfRange(latencies, WARM_UP_TURNS, turns));
        }
        synchronized (rssSamples) {
            rssSamples.forEach(System.out::println);
        }
        System.out.printf(Locale.ROOT, "rss at end: %s (peak %s)%n", rss(), status("VmHWM"));
        long stopAt = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(10, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "SIGTERM to exit: %s%n",
                exited ? (System.nanoTime() - stopAt) / 1_000_000 + " ms, exit " + process.exitValue() : "still running after 10 s");
        return finished && exited && process.exitValue() == 0 ? 0 : 1;
    }

    /** Waits until every message is answered; false when no reply came for {@link #STALL_MILLIS} (e.g. bus drops). */
    private boolean awaitAllReplies() throws InterruptedException {
        int seen = -1;
        long lastProgress = System.currentTimeMillis();
        while (!done.await(1, TimeUnit.SECONDS)) {
            int now = completed.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
                return false;
            }
        }
        return true;
    }

    /** The worker's {@code channel_message_dropped} events so far. */
    private long droppedEvents() {
        try (var lines = Files.lines(work.resolve("worker.stderr"), UTF_8)) {
            return lines.filter(line -> line.contains("\"event\":\"channel_message_dropped\"")).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open loop: message i is queued at {@code start + i / rate}, chats in turn, whatever the replies do. */
    private void feedAtRate(FakeTelegramServer fake, long start) {
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int chat = i % chats;
            sentPerChat.incrementAndGet(chat);
            fake.addMessage(chatId(chat));
        }
    }

    private static double perTurn(long millis, int turns) {
        return turns == 0 ? 0.0 : (double) millis / turns;
    }

    private static long chatId(int chat) {
        return 10_000 + chat;
    }

    private void replied(long chatId, long updateId, long latencyNanos) {
        int index = completed.getAndIncrement();
        if (index >= total) {
            return;
        }
        latencies[index] = latencyNanos;
        int turns = index + 1;
        if (turns % RSS_EVERY == 0) {
            String sample = String.format(Locale.ROOT, "rss after %d turns: %s", turns, rss());
            synchronized (rssSamples) {
                rssSamples.add(sample);
            }
        }
        int chat = (int) (chatId - 10_000);
        if (rate <= 0 && chat >= 0 && chat < chats && sentPerChat.get(chat) < messages) {
            sentPerChat.incrementAndGet(chat);
            server.addMessage(chatId);
        }
        if (turns == total) {
            done.countDown();
        }
    }

    private static void printLatency(String label, long[] nanos) {
        if (nanos.length == 0) {
            return;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s (n=%d): p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", label, sorted.length,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private String rss() {
        return status("VmRSS");
    }

    /** A {@code /proc/<pid>/status} value in MiB, e.g. {@code VmRSS}. */
    private String status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), UTF_8)) {
                if (line.startsWith(key + ":")) {
                    long kib = Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a (" + e.getClass().getSimpleName() + ")";
        }
        return "n/a";
    }

    /** utime + stime of a process from {@code /proc/<pid>/stat}, in ms (clock ticks of 10 ms). */
    private static long cpuMillis(long processId) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(processId), "stat"), UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
