package dev.rustypinch.bench.whatsapp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs every reply frame with the message it answers (the local provider echoes {@code msg <n>}), keeps at most
 * {@code window} messages unanswered, and records each reply's latency in nanoseconds.
 */
final class ReplyTracker {
    private static final Pattern ECHO = Pattern.compile("Received 'msg (\\d+)'");

    private final Semaphore window;
    private final ConcurrentHashMap<Integer, Long> pending = new ConcurrentHashMap<>();
    private final long[] latencies;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final AtomicLong lastReplyNanos = new AtomicLong();

    ReplyTracker(int capacity, int window) {
        this.latencies = new long[capacity];
        this.window = new Semaphore(window);
    }

    /** Waits for room in the window, then notes message {@code n} as sent now. */
    void beforeSend(int n) throws InterruptedException {
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no reply for 30 s with " + pending.size() + " messages unanswered: "
                    + "the worker dropped messages or stalled");
        }
        pending.put(n, System.nanoTime());
    }

    /** A frame from the worker. */
    void onReply(String frame) {
        long now = System.nanoTime();
        Matcher matcher = ECHO.matcher(frame);
        Long sentAt = matcher.find() ? pending.remove(Integer.parseInt(matcher.group(1))) : null;
        if (sentAt == null) {
            unexpected.incrementAndGet();
            return;
        }
        latencies[answered.getAndIncrement()] = now - sentAt;
        lastReplyNanos.set(now);
        window.release();
    }

    /** Waits until every sent message is answered; false when {@code timeoutMillis} pass first. */
    boolean awaitAllAnswered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    int answered() {
        return answered.get();
    }

    int unexpected() {
        return unexpected.get();
    }

    long lastReplyNanos() {
        return lastReplyNanos.get();
    }

    /** The recorded latencies, sorted ascending. */
    long[] sortedLatencies() {
        long[] sorted = Arrays.copyOf(latencies, answered.get());
        Arrays.sort(sorted);
        return sorted;
    }

    /** The {@code percent}th percentile (nearest rank) of sorted values. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
