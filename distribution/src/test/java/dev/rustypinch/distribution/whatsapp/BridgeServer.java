package dev.rustypinch.distribution.whatsapp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A WhatsApp bridge for the worker tests: a real Jetty websocket server on 127.0.0.1 whose behaviour each test
 * scripts with {@link #onOpen} and {@link #onText}. It records every frame the worker sends and every close code
 * the worker's close frames carry.
 */
final class BridgeServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    private final Server server;
    /** Every text frame the worker sent, in arrival order. */
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    /** {@code <code> <reason>} of every close frame the worker sent (its own, or its answer to the bridge's). */
    final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    volatile Consumer<Peer> onOpen = peer -> { };
    volatile BiConsumer<Peer, String> onText = (peer, text) -> { };

    private BridgeServer(Server server) {
        this.server = server;
    }

    static BridgeServer start() {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("test-bridge");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        BridgeServer bridge = new BridgeServer(server);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/", (request, response, callback) -> new Endpoint(bridge));
        }));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test bridge did not start", e);
        }
        return bridge;
    }

    /** {@code ws://127.0.0.1:<port>/}. */
    String url() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return String.format(Locale.ROOT, "ws://127.0.0.1:%d/", port);
    }

    URI uri() {
        return URI.create(url());
    }

    String nextFrame() throws InterruptedException {
        String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "the worker sent no frame within " + WAIT);
        return frame;
    }

    String nextClose() throws InterruptedException {
        String close = closes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(close, "the worker sent no close frame within " + WAIT);
        return close;
    }

    /** The connection's number, from 0 in the order the worker opened them. */
    int connectionOf(Peer peer) {
        return peers.indexOf(peer);
    }

    Peer awaitPeer(int index) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (peers.size() <= index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection " + (index + 1) + " never reached the bridge");
            }
            Thread.sleep(5);
        }
        return peers.get(index);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("test bridge did not stop", e);
        }
    }

    /** One worker connection as the bridge sees it. */
    static final class Peer {
        private final Session session;

        Peer(Session session) {
            this.session = session;
        }

        void send(String text) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            sent.orTimeout(10, TimeUnit.SECONDS).join();
        }

        void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** The server side of a connection; public because Jetty calls listeners through method handles. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final BridgeServer bridge;
        private Peer peer;

        Endpoint(BridgeServer bridge) {
            this.bridge = bridge;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            peer = new Peer(session);
            bridge.peers.add(peer);
            bridge.onOpen.accept(peer);
        }

        @Override
        public void onWebSocketText(String text) {
            bridge.frames.add(text);
            bridge.onText.accept(peer, text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            bridge.closes.add(statusCode + " " + (reason == null ? "" : reason));
            callback.succeed();
        }
    }
}
