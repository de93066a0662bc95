package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket connection to the bridge: the Jetty listener plus the connection's own state (when
 * it ended and why, when something was last received, its keepalive timers). Reading is demand
 * driven: nothing is read before {@link #activate()}, so {@code channel_connected} and the auth
 * frame come before any inbound frame is handled.
 *
 * <p>Public only because Jetty 12 invokes listeners through method handles; not an API.
 */
public final class BridgeSocket implements Session.Listener {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    static final String NORMAL_CLOSE_REASON = "channel stopped";

    /** Why a connection ended. */
    sealed interface Ending {
        /** Reading failed or the bridge closed: reported as {@code channel_read_error}. */
        record ReadFailure(String error) implements Ending {
            public ReadFailure {
                requireNonNull(error, "error is null");
            }
        }

        /** Ended on this side (a failed send, a timed-out connect, a stop): nothing more to report. */
        record Abandoned() implements Ending {
        }
    }

    /** What the owner of the connection learns from it. */
    interface Owner {
        void onText(String text);

        void onEnded(BridgeSocket socket, Ending ending);
    }

    private final Owner owner;
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private volatile Session session;
    private volatile boolean activated;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile Future<?> pingTimer;
    private volatile Future<?> silenceTimer;

    BridgeSocket(Owner owner) {
        this.owner = requireNonNull(owner, "owner is null");
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        this.session = openedSession;
        received();
        if (ended.isDone()) {
            openedSession.disconnect();
        }
    }

    @Override
    public void onWebSocketText(String text) {
        received();
        try {
            owner.onText(text);
        } catch (RuntimeException e) {
            log().warn("whatsapp bridge frame handling failed", e);
        } finally {
            demand();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        received();
        callback.succeed();
        demand();
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        received();
        session.sendPong(payload, Callback.NOOP);
        demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        received();
        demand();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end(new Ending.ReadFailure("websocket read failed: " + FailureText.of(cause)));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            end(new Ending.ReadFailure("bridge closed connection: code=" + statusCode + " reason=" + (reason == null ? "" : reason)));
        } finally {
            callback.succeed();
        }
    }

    /** Starts reading frames. */
    void activate() {
        activated = true;
        demand();
    }

    boolean activated() {
        return activated;
    }

    /** Completes with the reason once the connection has ended. */
    CompletableFuture<Ending> ended() {
        return ended;
    }

    boolean isEnded() {
        return ended.isDone();
    }

    /** Nanoseconds since anything (a frame, a Ping, a Pong) was last received. */
    long silentNanos() {
        return System.nanoTime() - lastReceivedNanos;
    }

    /** Ends the connection for {@code ending}; only the first ending counts. */
    void end(Ending ending) {
        if (ended.complete(ending)) {
            cancelTimers();
            owner.onEnded(this, ending);
        }
    }

    /** Ends the connection from this side and drops it without a close handshake. */
    void abandon() {
        end(new Ending.Abandoned());
        disconnect();
    }

    /** Drops the network connection. */
    void disconnect() {
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    /** Ends the connection from this side with close code 1000, waiting at most {@code limit}. */
    void closeNormally(Duration limit) {
        end(new Ending.Abandoned());
        Session current = session;
        if (current == null || !current.isOpen()) {
            disconnect();
            return;
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        current.close(StatusCode.NORMAL, NORMAL_CLOSE_REASON,
                Callback.from(() -> closed.complete(null), closed::completeExceptionally));
        try {
            closed.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.disconnect();
        } catch (ExecutionException | TimeoutException e) {
            log().debug("whatsapp bridge close handshake did not finish: {}", FailureText.of(e));
            current.disconnect();
        }
    }

    /** Sends a text frame, blocking until it is written or {@code timeoutNanos} pass. */
    void sendText(String text, long timeoutNanos) throws ExecutionException, TimeoutException, InterruptedException {
        Session current = session;
        if (current == null) {
            throw new IllegalStateException("websocket is not open");
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        current.sendText(text, Callback.from(() -> written.complete(null), written::completeExceptionally));
        written.get(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Sends a Ping; a failure shows up as a read failure or a keepalive timeout. */
    void ping() {
        Session current = session;
        if (current != null && !ended.isDone()) {
            current.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }

    void pingTimer(Future<?> timer) {
        pingTimer = timer;
        cancelTimersIfEnded();
    }

    void silenceTimer(Future<?> timer) {
        silenceTimer = timer;
        cancelTimersIfEnded();
    }

    private void cancelTimersIfEnded() {
        if (ended.isDone()) {
            cancelTimers();
        }
    }

    private void cancelTimers() {
        cancel(pingTimer);
        cancel(silenceTimer);
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void received() {
        lastReceivedNanos = System.nanoTime();
    }

    private void demand() {
        Session current = session;
        if (activated && current != null && current.isOpen()) {
            current.demand();
        }
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(BridgeSocket.class);
    }
}
