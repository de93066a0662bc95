package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge connection of SPEC §13.2: connects on its own thread ({@code whatsapp-bridge}) with a
 * connect limit, keeps the connection alive with Pings and a silence limit, reconnects with
 * {@link ReconnectBackoff}, and sends frames with a time limit. Reports its failures as events.
 *
 * <p>The websocket client is built and started from the constructor on a thread of its own
 * ({@code whatsapp-prepare}), so that this work overlaps the runtime's own start-up instead of delaying
 * the first connect, while {@link ConnectWarmUp} sets up what the first connection needs beside it;
 * {@link #start()} waits for the client. Every thread here ends in {@link #close()} (the warm-up's
 * ends by itself).
 */
final class BridgeConnection implements BridgeSocket.Owner {
    static final String KEEPALIVE_TIMEOUT = "keepalive timeout";
    static final String NOT_CONNECTED = "whatsapp bridge is not connected";
    static final String CLOSED = "whatsapp channel is closed";
    /** Large enough for any WhatsApp message even when every character needs a JSON escape. */
    static final long MAX_TEXT_MESSAGE_BYTES = 8L * 1024 * 1024;

    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);
    /** Generous: the client is normally ready long before the runtime calls {@link #start()}. */
    private static final Duration PREPARE_LIMIT = Duration.ofSeconds(60);

    private final URI url;
    private final BridgeTimings timings;
    private final ReconnectBackoff backoff;
    /** Carries the bridge token when there is one: never logged. */
    private final Optional<String> authFrame;
    private final ChannelEvents events;
    private final Consumer<String> inbound;
    private final Optional<SSLContext> sslContext;
    private final CompletableFuture<BridgeClient> prepared = new CompletableFuture<>();
    private final Thread preparer;
    private final ScheduledExecutorService keepalive;
    private final Thread loop;
    private volatile BridgeClient client;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition connectionChanged = lock.newCondition();
    private BridgeSocket current;

    BridgeConnection(URI url, BridgeTimings timings, ReconnectBackoff backoff, Optional<String> authFrame,
                     Optional<SSLContext> sslContext, ChannelEvents events, Consumer<String> inbound) {
        this.url = requireNonNull(url, "url is null");
        this.timings = requireNonNull(timings, "timings is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.authFrame = requireNonNull(authFrame, "authFrame is null");
        this.events = requireNonNull(events, "events is null");
        this.inbound = requireNonNull(inbound, "inbound is null");
        this.sslContext = requireNonNull(sslContext, "sslContext is null");
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "whatsapp-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.keepalive = timers;
        this.loop = pluginThread(this::run, "whatsapp-bridge");
        this.preparer = pluginThread(this::prepare, "whatsapp-prepare");
        this.preparer.start();
        ConnectWarmUp.start();
    }

    private static Thread pluginThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(BridgeConnection.class.getClassLoader());
        return thread;
    }

    /** Builds and starts the websocket client; a client finished after {@link #close()} is stopped at once. */
    private void prepare() {
        BridgeClient built = null;
        try {
            built = BridgeClient.create(url, timings, sslContext, CLOSE_LIMIT);
            built.start();
            prepared.complete(built);
        } catch (Exception | LinkageError e) {
            if (built != null) {
                built.stop();
            }
            prepared.completeExceptionally(e);
        }
    }

    /** Waits for the websocket client, then starts the connect loop and returns. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("whatsapp bridge connection already started");
        }
        try {
            client = prepared.get(PREPARE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start the websocket client: " + FailureText.of(e), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot start the websocket client: not ready within "
                    + PREPARE_LIMIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot start the websocket client: interrupted", e);
        }
        loop.start();
    }

    /** Stops reading frames and reconnecting at once; an open connection stays for {@link #send}. */
    void stopReceiving() {
        stopped.complete(null);
        lock.lock();
        try {
            connectionChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one text frame on the current connection, waiting for one if there is none, all within
     * the send limit. A failure is reported as {@code channel_send_error} and, when the connection
     * was at fault, starts a reconnect. Never throws.
     */
    void send(String frame) {
        long deadline = System.nanoTime() + timings.send().toNanos();
        if (closed.get()) {
            events.sendError(Optional.of(CLOSED));
            return;
        }
        Optional<BridgeSocket> socket = awaitConnection(deadline);
        if (socket.isEmpty()) {
            events.sendError(Optional.of(closed.get() ? CLOSED : NOT_CONNECTED));
            return;
        }
        deliver(socket.get(), frame, deadline);
    }

    /** Closes the connection with code 1000 and stops every thread, within a few seconds. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopReceiving();
        joinLoop();
        Optional<BridgeSocket> socket = takeCurrent();
        socket.ifPresent(open -> open.closeNormally(CLOSE_LIMIT));
        keepalive.shutdownNow();
        prepared.thenAccept(BridgeClient::stop);
        join(preparer);
    }

    @Override
    public void onText(String text) {
        if (!stopped.isDone()) {
            inbound.accept(text);
        }
    }

    @Override
    public void onEnded(BridgeSocket socket, BridgeSocket.Ending ending) {
        lock.lock();
        try {
            if (current == socket) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
        if (ending instanceof BridgeSocket.Ending.ReadFailure failure && socket.activated() && !closed.get()) {
            events.readError(failure.error());
        }
    }

    private void run() {
        int attempt = 0;
        while (!stopped.isDone()) {
            if (attempt > 0 && !pause(backoff.delayMillis(attempt))) {
                return;
            }
            Optional<BridgeSocket> socket = connect();
            if (socket.isEmpty()) {
                attempt++;
                continue;
            }
            long openedAt = System.nanoTime();
            CompletableFuture.anyOf(socket.get().ended(), stopped).join();
            attempt = attemptAfterConnection(attempt, System.nanoTime() - openedAt, timings.stable().toNanos());
        }
    }

    /**
     * The reconnect attempt that follows a connection that was open for {@code openNanos}: the count
     * starts again at 1 when the connection was stable, else it goes on.
     */
    static int attemptAfterConnection(int attempt, long openNanos, long stableNanos) {
        return openNanos >= stableNanos ? 1 : attempt + 1;
    }

    /** Waits before a reconnect; {@code false} when a stop came first. */
    private boolean pause(long millis) {
        log().debug("whatsapp bridge reconnect in {} ms", millis);
        try {
            stopped.get(millis, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private Optional<BridgeSocket> connect() {
        BridgeSocket socket = new BridgeSocket(this);
        CompletableFuture<Session> handshake;
        try {
            handshake = client.connect(socket);
        } catch (IOException | RuntimeException e) {
            socket.abandon();
            events.connectError("websocket connect failed: " + FailureText.of(e));
            return Optional.empty();
        }
        try {
            CompletableFuture.anyOf(handshake, stopped).get(timings.connect().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(socket, handshake);
            events.connectError("websocket connect timed out after " + timings.connect().toMillis() + " ms");
            return Optional.empty();
        } catch (ExecutionException e) {
            abandon(socket, handshake);
            events.connectError("websocket connect failed: " + FailureText.of(e));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(socket, handshake);
            return Optional.empty();
        }
        if (stopped.isDone()) {
            if (handshake.isDone() && !handshake.isCompletedExceptionally()) {
                socket.closeNormally(CLOSE_LIMIT);
            } else {
                abandon(socket, handshake);
            }
            return Optional.empty();
        }
        open(socket);
        return Optional.of(socket);
    }

    private static void abandon(BridgeSocket socket, CompletableFuture<Session> handshake) {
        socket.abandon();
        handshake.cancel(true);
    }

    /** Announces the connection, authenticates, and makes it the one replies go to. */
    private void open(BridgeSocket socket) {
        events.connected();
        if (authFrame.isPresent()
                && !deliver(socket, authFrame.get(), System.nanoTime() + timings.send().toNanos())) {
            return;
        }
        lock.lock();
        try {
            if (socket.isEnded() || closed.get()) {
                socket.abandon();
                return;
            }
            current = socket;
            connectionChanged.signalAll();
        } finally {
            lock.unlock();
        }
        socket.activate();
        startKeepalive(socket);
    }

    private void startKeepalive(BridgeSocket socket) {
        long ping = timings.ping().toNanos();
        try {
            socket.pingTimer(keepalive.scheduleAtFixedRate(socket::ping, ping, ping, TimeUnit.NANOSECONDS));
            scheduleSilenceCheck(socket, timings.silence().toNanos());
        } catch (RejectedExecutionException e) {
            log().debug("whatsapp bridge keepalive not started: channel closing");
        }
    }

    private void scheduleSilenceCheck(BridgeSocket socket, long delayNanos) {
        socket.silenceTimer(keepalive.schedule(() -> checkSilence(socket), delayNanos, TimeUnit.NANOSECONDS));
    }

    private void checkSilence(BridgeSocket socket) {
        if (socket.isEnded()) {
            return;
        }
        long remaining = timings.silence().toNanos() - socket.silentNanos();
        if (remaining > 0) {
            try {
                scheduleSilenceCheck(socket, remaining);
            } catch (RejectedExecutionException e) {
                log().debug("whatsapp bridge keepalive stopped: channel closing");
            }
            return;
        }
        socket.end(new BridgeSocket.Ending.ReadFailure(KEEPALIVE_TIMEOUT));
        socket.disconnect();
    }

    private Optional<BridgeSocket> awaitConnection(long deadline) {
        lock.lock();
        try {
            while (current == null) {
                long remaining = deadline - System.nanoTime();
                if (stopped.isDone() || remaining <= 0) {
                    return Optional.empty();
                }
                connectionChanged.awaitNanos(remaining);
            }
            return Optional.of(current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Sends on {@code socket}; on failure reports {@code channel_send_error} and drops the connection. */
    private boolean deliver(BridgeSocket socket, String frame, long deadline) {
        String failure;
        try {
            socket.sendText(frame, Math.max(0, deadline - System.nanoTime()));
            return true;
        } catch (TimeoutException e) {
            failure = "websocket send timed out after " + timings.send().toMillis() + " ms";
        } catch (ExecutionException | RuntimeException e) {
            failure = "websocket send failed: " + FailureText.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "websocket send interrupted";
        }
        events.sendError(Optional.of(failure));
        socket.abandon();
        return false;
    }

    private Optional<BridgeSocket> takeCurrent() {
        lock.lock();
        try {
            Optional<BridgeSocket> taken = Optional.ofNullable(current);
            current = null;
            connectionChanged.signalAll();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private void joinLoop() {
        join(loop);
    }

    private static void join(Thread thread) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(CLOSE_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(BridgeConnection.class);
    }
}
