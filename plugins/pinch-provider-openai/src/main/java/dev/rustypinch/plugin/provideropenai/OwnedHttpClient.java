package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

/**
 * One OkHttp client whose every thread belongs to it: OkHttp's background work (connection pool
 * clean-up, connect attempts, the dispatcher) runs on a private task runner with named daemon
 * threads instead of OkHttp's process-wide one, so {@link #close()} can stop them all and nothing
 * pins the plugin's class loader afterwards. OkHttp's own timeouts stay off (they would start Okio's
 * shared watchdog thread); {@link CallDeadlines} limits calls instead.
 *
 * <p>Redirects are not followed and failed connections are not silently retried: each call is
 * exactly one attempt, and the runtime decides about retries.
 */
final class OwnedHttpClient implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final TaskRunner.RealBackend backend;
    private final OkHttpClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param dns          the host name resolver ({@link Dns#SYSTEM} outside tests)
     * @param threadPrefix the prefix of the thread names, e.g. {@code pinch-provider-openai-http}
     */
    OwnedHttpClient(Dns dns, String threadPrefix) {
        requireNonNull(dns, "dns is null");
        requireNonNull(threadPrefix, "threadPrefix is null");
        AtomicInteger threadNumber = new AtomicInteger();
        this.backend = new TaskRunner.RealBackend(runnable -> {
            Thread thread = new Thread(runnable, threadPrefix + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        TaskRunner taskRunner = new TaskRunner(backend, Logger.getLogger(OwnedHttpClient.class.getName()));
        this.client = new OkHttpClient.Builder()
                .taskRunner$okhttp(taskRunner)
                .dispatcher(new Dispatcher(backend.getExecutor()))
                .connectionPool(new ConnectionPool(5, 5, TimeUnit.MINUTES, taskRunner, ConnectionListener.Companion.getNONE()))
                .dns(dns)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .callTimeout(Duration.ZERO)
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
    }

    OkHttpClient client() {
        return client;
    }

    /** Cancels running calls, closes pooled connections and stops every thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        ThreadPoolExecutor executor = backend.getExecutor();
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
