package dev.rustypinch.plugin.channelwhatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** A websocket bridge on 127.0.0.1 (a real Jetty server) whose behaviour each test scripts. */
final class FakeBridge implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Server server;
    private final String scheme;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    volatile boolean silent;
    /** New connections never read: the client's sends back up until they time out. */
    volatile boolean stalled;
    volatile Consumer<Peer> onOpen = peer -> { };
    volatile BiConsumer<Peer, String> onText = (peer, text) -> { };

    private FakeBridge(Server server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    static FakeBridge start() {
        return start(0);
    }

    static FakeBridge start(int port) {
        Server server = newServer();
        ServerConnector connector = new ServerConnector(server);
        return start(server, connector, port, "ws");
    }

    static FakeBridge startTls(Path keyStore, String password) {
        Server server = newServer();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStorePassword(password);
        tls.setKeyStoreType("PKCS12");
        return start(server, new ServerConnector(server, tls), 0, "wss");
    }

    private static Server newServer() {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("fake-bridge");
        return new Server(threads);
    }

    private static FakeBridge start(Server server, ServerConnector connector, int port, String scheme) {
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        FakeBridge bridge = new FakeBridge(server, scheme);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(8 * 1024 * 1024);
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/", (request, response, callback) ->
                    bridge.stalled ? new StalledEndpoint(bridge) : new Endpoint(bridge));
        }));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("fake bridge did not start", e);
        }
        return bridge;
    }

    URI uri() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create(String.format(Locale.ROOT, "%s://127.0.0.1:%d/bridge", scheme, port));
    }

    String nextFrame() throws InterruptedException {
        String frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "no frame reached the bridge within " + WAIT);
        return frame;
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
            throw new IllegalStateException("fake bridge did not stop", e);
        }
    }

    /** One client connection as the bridge sees it. */
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

        void ping(String payload) {
            session.sendPing(ByteBuffer.wrap(payload.getBytes(UTF_8)), Callback.NOOP);
        }
    }

    /** A connection that never reads after the handshake; public for Jetty's method handles. */
    public static final class StalledEndpoint implements Session.Listener {
        private final FakeBridge bridge;

        StalledEndpoint(FakeBridge bridge) {
            this.bridge = bridge;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            Peer peer = new Peer(session);
            bridge.peers.add(peer);
            bridge.onOpen.accept(peer);
        }
    }

    /** The server side of a connection; public because Jetty calls listeners through method handles. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final FakeBridge bridge;
        private Peer peer;

        Endpoint(FakeBridge bridge) {
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
            bridge.received.add(text);
            bridge.onText.accept(peer, text);
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            bridge.pings.incrementAndGet();
            if (!bridge.silent) {
                peer.session.sendPong(payload, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            bridge.pongs.add(UTF_8.decode(payload).toString());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            bridge.closeCodes.add(statusCode);
            callback.succeed();
        }
    }
}
