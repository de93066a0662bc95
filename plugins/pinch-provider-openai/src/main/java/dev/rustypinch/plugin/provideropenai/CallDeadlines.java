package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;

/**
 * Limits each whole call (connect, request, response body) to the request timeout by cancelling it
 * when the time is up (SPEC §8.2; {@link Duration#ZERO} = no limit). Owns one named daemon thread,
 * started only when there is a limit and stopped by {@link #close()}.
 */
final class CallDeadlines implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Duration limit;
    private final ScheduledThreadPoolExecutor scheduler;

    CallDeadlines(Duration limit, String threadName) {
        this.limit = requireNonNull(limit, "limit is null");
        requireNonNull(threadName, "threadName is null");
        if (limit.isZero()) {
            this.scheduler = null;
            return;
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Starts the clock for a call; close the returned watch when the call and its body are done. */
    Watch watch(Call call) {
        requireNonNull(call, "call is null");
        Watch watch = new Watch();
        if (scheduler != null) {
            watch.timer = scheduler.schedule(() -> {
                watch.expired.set(true);
                call.cancel();
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
        return watch;
    }

    /** Stops the deadline thread. Idempotent. */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The deadline of one call. */
    static final class Watch implements AutoCloseable {
        private final AtomicBoolean expired = new AtomicBoolean();
        private Future<?> timer;

        /** Whether the call ran out of time and was cancelled. */
        boolean expired() {
            return expired.get();
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
