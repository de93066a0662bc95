package dev.rustypinch.bench.whatsapp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A PicoClaw-dialect WhatsApp bridge on 127.0.0.1 for the load driver: a real Jetty websocket server that hands each
 * new worker connection to {@code onOpen} and every frame the worker sends to {@code onText}.
 */
final class LoadBridge implements AutoCloseable {
    private final Server server;
    private volatile Consumer<Connection> onOpen = connection -> { };
    private volatile Consumer<String> onText = text -> { };

    private LoadBridge(Server server) {
        this.server = server;
    }

    static LoadBridge start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("load-bridge");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        LoadBridge bridge = new LoadBridge(server);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/", (request, response, callback) -> new Endpoint(bridge));
        }));
        server.start();
        return bridge;
    }

    String url() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return String.format(Locale.ROOT, "ws://127.0.0.1:%d/", port);
    }

    void onOpen(Consumer<Connection> handler) {
        onOpen = requireNonNull(handler, "handler is null");
    }

    void onText(Consumer<String> handler) {
        onText = requireNonNull(handler, "handler is null");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("load bridge did not stop", e);
        }
    }

    /** One worker connection. */
    static final class Connection {
        private final Session session;

        Connection(Session session) {
            this.session = session;
        }

        /** Sends a text frame and waits until it is written (at most 10 s). */
        void send(String text) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            sent.orTimeout(10, TimeUnit.SECONDS).join();
        }

        /** Starts a close handshake, as a restarting bridge does. */
        void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** The server side of a connection; public because Jetty calls listeners through method handles. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final LoadBridge bridge;

        Endpoint(LoadBridge bridge) {
            this.bridge = bridge;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            bridge.onOpen.accept(new Connection(session));
        }

        @Override
        public void onWebSocketText(String text) {
            bridge.onText.accept(text);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // A benchmark stops its worker while connected: the connection ending is expected, not worth a line.
        }
    }
}
