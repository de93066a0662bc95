package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.LoggerFactory;

/**
 * The Jetty websocket client of one bridge URL with its HTTP client and threads ({@code whatsapp-jetty*}). A
 * {@code ws://} bridge gets no TLS at all: setting up a TLS context (the JDK's trust store included) is the
 * costliest part of starting a Jetty client and a local bridge never needs it. A {@code wss://} bridge gets Jetty's
 * TLS client with host name verification, trusting the JDK's default trust store unless a context is given.
 */
final class BridgeClient {
    private static final String SECURE_SCHEME = "wss";

    private final URI url;
    private final HttpClient http;
    private final WebSocketClient client;

    private BridgeClient(URI url, HttpClient http, WebSocketClient client) {
        this.url = url;
        this.http = http;
        this.client = client;
    }

    /**
     * A client for {@code url}, not started yet.
     *
     * @param sslContext the TLS context for a {@code wss://} URL instead of the JDK's default (tests)
     * @param stopLimit  how long stopping may wait for open sessions
     */
    static BridgeClient create(URI url, BridgeTimings timings, Optional<SSLContext> sslContext, Duration stopLimit) {
        requireNonNull(url, "url is null");
        requireNonNull(timings, "timings is null");
        requireNonNull(sslContext, "sslContext is null");
        requireNonNull(stopLimit, "stopLimit is null");
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("whatsapp-jetty");
        threads.setDaemon(true);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(
                isSecure(url) ? new ClientConnector() : new PlainClientConnector()));
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("whatsapp-jetty-scheduler", true));
        if (isSecure(url)) {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            sslContext.ifPresent(tls::setSslContext);
            http.setSslContextFactory(tls);
        }
        http.setConnectTimeout(timings.connect().toMillis());
        WebSocketClient client = new WebSocketClient(http);
        client.setIdleTimeout(timings.silence().plus(timings.silence()));
        client.setMaxTextMessageSize(BridgeConnection.MAX_TEXT_MESSAGE_BYTES);
        client.setStopTimeout(stopLimit.toMillis());
        return new BridgeClient(url, http, client);
    }

    static boolean isSecure(URI url) {
        return SECURE_SCHEME.equals(url.getScheme().toLowerCase(Locale.ROOT));
    }

    /** Starts the HTTP client, then the websocket client. */
    void start() throws Exception {
        http.start();
        client.start();
    }

    /** Opens a websocket connection to the bridge for {@code socket}. */
    CompletableFuture<Session> connect(BridgeSocket socket) throws IOException {
        return client.connect(socket, url);
    }

    /** Whether the client can speak TLS at all: only for a {@code wss://} bridge. */
    boolean hasTls() {
        return http.getSslContextFactory() != null;
    }

    /** Stops both clients and their threads; never throws. */
    void stop() {
        stopQuietly(client);
        stopQuietly(http);
    }

    private static void stopQuietly(LifeCycle component) {
        try {
            component.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(BridgeClient.class).debug("whatsapp bridge client did not stop cleanly: {}",
                    FailureText.of(e));
        }
    }

    /** Without a TLS context: Jetty's connector would otherwise create and start one for every client. */
    private static final class PlainClientConnector extends ClientConnector {
        @Override
        protected SslContextFactory.Client newSslContextFactory() {
            return null;
        }
    }
}
