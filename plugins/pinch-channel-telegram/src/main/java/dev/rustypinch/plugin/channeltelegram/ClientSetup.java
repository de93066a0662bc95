package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the {@link BotApiClients} on the {@value #THREAD} thread started here, so that OkHttp's set-up (its platform
 * and the security providers: tens of milliseconds) and, for an {@code https://} Bot API, loading the trust store and
 * creating the TLS context (0.1–0.3 s more) overlap the rest of the worker's start-up instead of delaying its first
 * poll. The first call waits for the clients, at most {@link #LIMIT}. The thread ends when the clients are made;
 * {@link #close()} waits for it, so none outlives the channel.
 */
final class ClientSetup {
    static final String THREAD = "telegram-client-setup";
    static final Duration LIMIT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for a set-up still running; one left running ends by itself, holding no thread. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final FutureTask<BotApiClients> task;
    private final Thread thread;

    /**
     * Starts the set-up.
     *
     * @param tls whether the clients speak TLS ({@code https://}); else plain HTTP only
     */
    ClientSetup(TelegramSettings settings, boolean tls) {
        requireNonNull(settings, "settings is null");
        this.task = new FutureTask<>(() -> BotApiClients.build(settings, tls));
        this.thread = new Thread(task, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The clients, waiting for the set-up if it still runs.
     *
     * @throws SetupException when the set-up failed (its cause is the set-up's exception, e.g. a
     *                        {@code KeyStoreException} for an unreadable trust store), took longer than {@link #LIMIT}
     *                        (a {@link TimeoutException}) or the wait was interrupted (an {@link InterruptedException})
     */
    BotApiClients clients() throws SetupException {
        try {
            return task.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SetupException(e.getCause());
        } catch (TimeoutException e) {
            throw new SetupException(new TimeoutException(
                    "HTTP client set-up not finished within " + LIMIT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException(new InterruptedException("interrupted while waiting for the HTTP client set-up"));
        }
    }

    /**
     * Waits up to {@link #CLOSE_WAIT} for the set-up thread to end, then closes the clients if they were made.
     * Idempotent.
     */
    void close() {
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!task.isDone()) {
            return;
        }
        try {
            task.get().close();
        } catch (ExecutionException e) {
            // no clients were made, so none to close; the calls that needed them reported the failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The clients could not be made; the cause says why. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(Throwable cause) {
            super(requireNonNull(cause, "cause is null"));
        }
    }
}
