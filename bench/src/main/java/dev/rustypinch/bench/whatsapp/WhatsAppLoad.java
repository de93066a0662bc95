package dev.rustypinch.bench.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load driver for the WhatsApp worker: runs {@code bin/rusty-pinch channels whatsapp} of an unpacked distribution as a
 * child process (local provider, a temporary data directory) against a PicoClaw bridge on 127.0.0.1, then measures
 * <ol>
 *   <li>throughput and reply latency with up to {@code --window} messages unanswered, spread over {@code --chats}
 *       chats (after {@code --warmup} messages),</li>
 *   <li>reply latency one message at a time, and at a steady {@code --rate} messages/s for 10 s,</li>
 *   <li>after each of {@code --drops} bridge drops (close 1001): the time until the worker is connected again and until
 *       the first message sent on the new connection is answered, next to the SPEC §13.2 back-off for that attempt,</li>
 *   <li>the worker's peak RSS and CPU time, and how long it takes to exit after SIGTERM.</li>
 * </ol>
 * Usage: {@code WhatsAppLoad <distribution dir> [--messages N] [--warmup N] [--sequential N] [--rate N] [--chats N] [--window N]
 * [--reconnect-ms N] [--drops N] [--drop-spacing-ms N] [--work-dir DIR] [--java-opts OPTIONS]}: the data directory is a
 * new temporary directory under {@code --work-dir} (default {@code java.io.tmpdir}; its file system's fsync cost bounds
 * the throughput, since every session append is forced to storage); {@code --java-opts} is added to the worker's
 * {@code RUSTY_PINCH_JAVA_OPTS}. See {@code bench/whatsapp-load.sh}.
 */
public final class WhatsAppLoad {
    private static final long STABLE_CONNECTION_MILLIS = 30_000;
    private static final long REPLY_WAIT_MILLIS = 60_000;
    private static final int PACED_SECONDS = 10;
    private static final Pattern RECONNECT_LINE = Pattern.compile("whatsapp bridge reconnect in (\\d+) ms");
    private static final int PACED_WINDOW = 90;

    private final Options options;
    private final LoadBridge bridge;
    private final BlockingQueue<Opened> connections = new LinkedBlockingQueue<>();
    private int nextMessage = 1;

    /** A connection the worker opened and when the bridge saw it. */
    private record Opened(LoadBridge.Connection connection, long nanos) {
    }

    private WhatsAppLoad(Options options, LoadBridge bridge) {
        this.options = options;
        this.bridge = bridge;
        bridge.onOpen(connection -> connections.add(new Opened(connection, System.nanoTime())));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory(options.workParent(), "rusty-pinch-whatsapp-load");
        try (LoadBridge bridge = LoadBridge.start()) {
            new WhatsAppLoad(options, bridge).run(work);
        } finally {
            deleteTree(work);
        }
    }

    private void run(Path work) throws Exception {
        Path envFile = writeEnvFile(work);
        Path stderr = work.resolve("worker-stderr.log");
        System.out.printf(Locale.ROOT, "whatsapp-load: %s, %d cores, worker %s, data in %s%s%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), options.home(), work,
                options.javaOpts().isEmpty() ? "" : ", RUSTY_PINCH_JAVA_OPTS=" + options.javaOpts());
        long launchedAt = System.nanoTime();
        Process worker = startWorker(work, envFile, stderr);
        try {
            Opened first = awaitConnection(Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "worker connected %d ms after launch (JVM start-up included)%n",
                    millis(first.nanos() - launchedAt));
            LoadBridge.Connection connection = first.connection();
            System.out.printf(Locale.ROOT, "%-11s %8s %6s %6s %9s %8s %8s %8s%n",
                    "phase", "messages", "chats", "window", "msgs/s", "p50 ms", "p99 ms", "max ms");
            phase("warm-up", connection, options.warmup(), options.chats(), options.window());
            phase("load", connection, options.messages(), options.chats(), options.window());
            phase("sequential", connection, options.sequential(), options.chats(), 1);
            paced(connection, options.rate(), options.chats());
            drops(connection, stderr);
            report(worker, stderr);
        } finally {
            if (worker.isAlive()) {
                worker.destroyForcibly();
                worker.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Path writeEnvFile(Path work) throws IOException {
        String env = String.join("\n",
                "RUSTY_PINCH_PROVIDER=local",
                "RUSTY_PINCH_MODEL=bench",
                "RUSTY_PINCH_DATA_DIR=" + work.resolve("data"),
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=" + bridge.url(),
                "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS=" + options.reconnectMillis()) + "\n";
        return Files.writeString(work.resolve("bench.env"), env, UTF_8);
    }

    private Process startWorker(Path work, Path envFile, Path stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(options.home().resolve("bin/rusty-pinch").toString(), "channels", "whatsapp")
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        String logConfig = "-Dlog4j2.configurationFile=" + writeLogConfig(work);
        builder.environment().put("RUSTY_PINCH_JAVA_OPTS", (logConfig + " " + options.javaOpts()).trim());
        return builder.start();
    }

    /**
     * Log4j configuration for the worker: the distribution's (WARN, stderr) plus DEBUG for the bridge connection, whose
     * {@code whatsapp bridge reconnect in <n> ms} line tells the back-off actually drawn (jitter included).
     */
    private static Path writeLogConfig(Path work) throws IOException {
        String config = String.join("\n",
                "status = off",
                "appender.stderr.type = Console",
                "appender.stderr.name = stderr",
                "appender.stderr.target = SYSTEM_ERR",
                "appender.stderr.layout.type = PatternLayout",
                "appender.stderr.layout.pattern = %level %message%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stderr.ref = stderr",
                "logger.bridge.name = dev.rustypinch.plugin.channelwhatsapp.BridgeConnection",
                "logger.bridge.level = debug") + "\n";
        return Files.writeString(work.resolve("log4j2-bench.properties"), config, UTF_8);
    }

    private Opened awaitConnection(Duration limit) throws InterruptedException {
        Opened opened = connections.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (opened == null) {
            throw new IllegalStateException("the worker did not connect within " + limit);
        }
        return opened;
    }

    private static String frame(int n, int chats) {
        return String.format(Locale.ROOT, "{\"type\":\"message\",\"id\":\"load-%d\",\"from\":\"chat-%d\",\"content\":\"msg %d\"}",
                n, n % chats, n);
    }

    private void phase(String name, LoadBridge.Connection connection, int count, int chats, int window) throws InterruptedException {
        if (count == 0) {
            return;
        }
        ReplyTracker tracker = new ReplyTracker(count, window);
        bridge.onText(tracker::onReply);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = nextMessage++;
            tracker.beforeSend(n);
            connection.send(frame(n, chats));
        }
        if (!tracker.awaitAllAnswered(REPLY_WAIT_MILLIS)) {
            throw new IllegalStateException(name + ": only " + tracker.answered() + " of " + count + " answered");
        }
        printRow(name, count, chats, window, tracker, start);
    }

    private static void printRow(String name, int count, int chats, int window, ReplyTracker tracker, long start) {
        double seconds = (tracker.lastReplyNanos() - start) / 1e9;
        long[] latencies = tracker.sortedLatencies();
        System.out.printf(Locale.ROOT, "%-11s %8d %6d %6d %9.0f %8.2f %8.2f %8.2f%s%n", name, count, chats, window,
                count / seconds, ms(ReplyTracker.percentile(latencies, 50)), ms(ReplyTracker.percentile(latencies, 99)),
                ms(latencies[latencies.length - 1]),
                tracker.unexpected() > 0 ? "  (" + tracker.unexpected() + " unexpected frames)" : "");
    }

    /**
     * Sends at a fixed rate for {@link #PACED_SECONDS} s (at most {@link #PACED_WINDOW} unanswered, below the bus
     * capacity; if the worker falls that far behind the pace slips, which the achieved msgs/s shows).
     */
    private void paced(LoadBridge.Connection connection, int rate, int chats) throws InterruptedException {
        if (rate == 0) {
            return;
        }
        int count = rate * PACED_SECONDS;
        ReplyTracker tracker = new ReplyTracker(count, PACED_WINDOW);
        bridge.onText(tracker::onReply);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = nextMessage++;
            tracker.beforeSend(n);
            connection.send(frame(n, chats));
        }
        if (!tracker.awaitAllAnswered(REPLY_WAIT_MILLIS)) {
            throw new IllegalStateException("paced: only " + tracker.answered() + " of " + count + " answered");
        }
        printRow("paced", count, chats, PACED_WINDOW, tracker, start);
    }

    private void drops(LoadBridge.Connection first, Path stderr) throws InterruptedException, IOException {
        LoadBridge.Connection connection = first;
        for (int k = 1; k <= options.drops(); k++) {
            if (options.dropSpacingMillis() > 0) {
                Thread.sleep(options.dropSpacingMillis());
            }
            int attempt = options.dropSpacingMillis() >= STABLE_CONNECTION_MILLIS || k == 1 ? 1 : k;
            long base = backoffMillis(options.reconnectMillis(), attempt);
            ReplyTracker probe = new ReplyTracker(1, 1);
            bridge.onText(probe::onReply);
            long droppedAt = System.nanoTime();
            connection.close(1001, "bench drop");
            Opened reopened = awaitConnection(Duration.ofMillis(2 * base + 15_000));
            int n = nextMessage++;
            probe.beforeSend(n);
            reopened.connection().send(frame(n, options.chats()));
            if (!probe.awaitAllAnswered(REPLY_WAIT_MILLIS)) {
                throw new IllegalStateException("drop " + k + ": the first message after the reconnect was not answered");
            }
            long connected = millis(reopened.nanos() - droppedAt);
            long answered = millis(probe.lastReplyNanos() - droppedAt);
            long drawn = drawnBackoffMillis(stderr, k);
            System.out.printf(Locale.ROOT, "drop %d: back-off (attempt %d) %d..%d ms, drawn %d ms; reconnected after %d ms,"
                            + " first reply after %d ms = drawn back-off + %d ms%n",
                    k, attempt, base, Math.round(base * 1.2), drawn, connected, answered, answered - drawn);
            connection = reopened.connection();
        }
    }

    /** The delay of the {@code k}th {@code whatsapp bridge reconnect in <n> ms} line of the worker's stderr. */
    private static long drawnBackoffMillis(Path stderr, int k) throws IOException {
        List<Long> delays = new ArrayList<>();
        for (String line : Files.readAllLines(stderr, UTF_8)) {
            Matcher matcher = RECONNECT_LINE.matcher(line);
            if (matcher.find()) {
                delays.add(Long.parseLong(matcher.group(1)));
            }
        }
        if (delays.size() < k) {
            throw new IllegalStateException("the worker logged " + delays.size() + " reconnect delays, expected " + k);
        }
        return delays.get(k - 1);
    }

    /** SPEC §13.2 without jitter: {@code min(R × 2^(k−1), max(R, 60000))}, {@code R = max(RECONNECT_MS, 250)}. */
    private static long backoffMillis(long reconnectMillis, int attempt) {
        long base = Math.max(reconnectMillis, 250);
        long cap = Math.max(base, 60_000);
        long delay = base;
        for (int i = 1; i < attempt && delay < cap; i++) {
            delay = Math.min(cap, delay * 2);
        }
        return delay;
    }

    private void report(Process worker, Path stderr) throws IOException, InterruptedException {
        String status = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "status"), UTF_8);
        String peak = status.lines().filter(line -> line.startsWith("VmHWM:")).findFirst().orElse("VmHWM: n/a").substring(6).trim();
        Duration cpu = worker.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        long signalledAt = System.nanoTime();
        worker.destroy();
        boolean exited = worker.waitFor(10, TimeUnit.SECONDS);
        long stopMillis = millis(System.nanoTime() - signalledAt);
        List<String> lines = Files.readAllLines(stderr, UTF_8);
        System.out.printf(Locale.ROOT, "worker: peak RSS %s, CPU %.1f s, %s %d ms after SIGTERM%n", peak, cpu.toMillis() / 1000.0,
                exited ? "exit " + worker.exitValue() : "still running", stopMillis);
        System.out.printf(Locale.ROOT, "worker events: turn=%d channel_message_dropped=%d channel_send_error=%d channel_read_error=%d"
                        + " other stderr lines=%d%n",
                count(lines, "\"event\":\"turn\""), count(lines, "channel_message_dropped"), count(lines, "channel_send_error"),
                count(lines, "channel_read_error"), diagnostics(lines).size());
        diagnostics(lines).stream().limit(5).forEach(line -> System.out.println("  " + line));
    }

    /** stderr lines that are neither events nor the reconnect lines the driver asked for. */
    private static List<String> diagnostics(List<String> lines) {
        return lines.stream().filter(line -> !line.startsWith("{") && !RECONNECT_LINE.matcher(line).find()).toList();
    }

    private static long count(List<String> lines, String marker) {
        return lines.stream().filter(line -> line.contains(marker)).count();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** The command line. */
    record Options(Path home, int messages, int warmup, int sequential, int rate, int chats, int window, long reconnectMillis, int drops,
                   long dropSpacingMillis, Path workParent, String javaOpts) {
        Options {
            if (chats < 1 || window < 1) {
                throw new IllegalArgumentException("--chats and --window must be at least 1");
            }
        }

        static Options parse(String[] args) {
            if (args.length == 0 || args.length % 2 == 0) {
                throw new IllegalArgumentException("usage: WhatsAppLoad <distribution dir> [--messages N] [--warmup N] "
                        + "[--sequential N] [--rate N] [--chats N] [--window N] [--reconnect-ms N] [--drops N] [--drop-spacing-ms N] "
                        + "[--work-dir DIR] [--java-opts OPTIONS]");
            }
            Path home = Path.of(args[0]).toAbsolutePath();
            if (!Files.isExecutable(home.resolve("bin/rusty-pinch"))) {
                throw new IllegalArgumentException(home + " has no bin/rusty-pinch; build the distribution first");
            }
            int messages = 5000;
            int warmup = 3000;
            int sequential = 1000;
            int rate = 250;
            int chats = 20;
            int window = 32;
            long reconnect = 1000;
            int drops = 3;
            long spacing = 0;
            Path workParent = Path.of(System.getProperty("java.io.tmpdir"));
            String javaOpts = "";
            for (int i = 1; i < args.length; i += 2) {
                if (args[i].equals("--work-dir")) {
                    workParent = Path.of(args[i + 1]);
                    continue;
                }
                if (args[i].equals("--java-opts")) {
                    javaOpts = args[i + 1];
                    continue;
                }
                long value = Long.parseLong(args[i + 1]);
                switch (args[i]) {
                    case "--messages" -> messages = Math.toIntExact(value);
                    case "--warmup" -> warmup = Math.toIntExact(value);
                    case "--sequential" -> sequential = Math.toIntExact(value);
                    case "--rate" -> rate = Math.toIntExact(value);
                    case "--chats" -> chats = Math.toIntExact(value);
                    case "--window" -> window = Math.toIntExact(value);
                    case "--reconnect-ms" -> reconnect = value;
                    case "--drops" -> drops = Math.toIntExact(value);
                    case "--drop-spacing-ms" -> spacing = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(home, messages, warmup, sequential, rate, chats, window, reconnect, drops, spacing, workParent, javaOpts);
        }
    }
}
