package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.ReplyOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.LoggerFactory;

/**
 * The {@code web} channel (SPEC §20): an embedded Jetty server whose chat requests become bus messages. Each request
 * gets a unique message id; its reply comes back through {@link #send} and is matched by that id. Sized for a
 * Raspberry Pi: a small bounded thread pool, one acceptor, one selector, and asynchronous waiting so that a request
 * waiting for its turn holds no thread.
 */
final class WebChannel implements Channel, ApiHandler.TurnGateway {
    static final String CHANNEL = "web";
    static final int MAX_THREADS = 16;
    static final int MIN_THREADS = 2;
    static final int MAX_CONNECTIONS = 256;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final long MIN_REQUEST_DATA_RATE = 1024;
    static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);
    /** Pooled I/O buffers kept at most, per kind (heap, direct): a Pi has little memory to park in idle buffers. */
    static final long MAX_POOLED_MEMORY = 2L * 1024 * 1024;
    private static final int MAX_POOLED_BUFFER = 64 * 1024;
    /**
     * Jetty's per-connection cache of parsed request headers is off: with its default size every HTTP/1.1 connection
     * holds a ~100 KB trie for as long as it is open (10 MB of heap for 100 keep-alive clients, 25 MB at the
     * connection limit), to save a few small strings per request.
     */
    static final int HEADER_CACHE_SIZE = 0;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final WebSettings settings;
    private final PluginContext context;
    private final Duration keepAliveInterval;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, TurnExchange> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile InboundSink sink;
    private volatile boolean stopping;
    private boolean closed;

    WebChannel(WebSettings settings, PluginContext context) {
        this(settings, context, KEEP_ALIVE_INTERVAL);
    }

    WebChannel(WebSettings settings, PluginContext context, Duration keepAliveInterval) {
        this.settings = requireNonNull(settings, "settings is null");
        this.context = requireNonNull(context, "context is null");
        this.keepAliveInterval = requireNonNull(keepAliveInterval, "keepAliveInterval is null");
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
        threads.setName("web-http");
        threads.setDaemon(true);
        this.server = new Server(threads, new ScheduledExecutorScheduler("web-scheduler", true),
                new ArrayByteBufferPool(0, -1, MAX_POOLED_BUFFER, -1, MAX_POOLED_MEMORY, MAX_POOLED_MEMORY));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        http.setHeaderCacheSize(HEADER_CACHE_SIZE);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setErrorHandler(new ErrorEnvelopeHandler());
        server.setHandler(new ApiHandler(new BearerToken(settings.token()), new OriginPolicy(settings.allowOrigins()),
                PageAssets.load(), context, this));
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "web-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Binds the listen address (so that {@code channel_start} can name the actual port) and returns it. */
    @Override
    public synchronized Map<String, Object> startEventFields() {
        bind();
        return Map.of("listen", listenAddress());
    }

    @Override
    public synchronized void start(InboundSink sink) {
        this.sink = requireNonNull(sink, "sink is null");
        bind();
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("web server failed to start on " + listenAddress() + ": " + e.getMessage(), e);
        }
    }

    private void bind() {
        if (connector.isOpen()) {
            return;
        }
        try {
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    private String listenAddress() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return host + ":" + connector.getLocalPort();
    }

    /** The bound port (tests). */
    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void submit(ChatBody body, TurnExchange exchange) {
        if (stopping) {
            exchange.fail(ApiError.stopping());
            return;
        }
        String messageId = "web-" + sequence.incrementAndGet();
        pending.put(messageId, exchange);
        scheduleTimers(messageId, exchange);
        InboundMessage message = new InboundMessage(CHANNEL, body.user(), body.user(), body.text(), Optional.of(messageId));
        boolean accepted;
        try {
            accepted = sink.publish(message, outcome -> finished(messageId, outcome));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(WebChannel.class).warn("publishing a web message failed: {}", e.toString());
            accepted = false;
        }
        if (!accepted) {
            end(messageId, ApiError.stopping());
        }
    }

    private void scheduleTimers(String messageId, TurnExchange exchange) {
        long timeoutSeconds = settings.turnTimeout().toSeconds();
        if (timeoutSeconds > 0) {
            exchange.addTimer(timers.schedule(() -> end(messageId, ApiError.timedOut(timeoutSeconds)), timeoutSeconds, TimeUnit.SECONDS));
        }
        if (exchange.stream()) {
            long interval = keepAliveInterval.toMillis();
            exchange.addTimer(timers.scheduleAtFixedRate(exchange::keepAlive, interval, interval, TimeUnit.MILLISECONDS));
        }
    }

    private void finished(String messageId, DeliveryOutcome outcome) {
        switch (outcome) {
            case DROPPED -> end(messageId, ApiError.dropped());
            case DISCARDED -> end(messageId, ApiError.stopping());
            case PROCESSED -> end(messageId, ApiError.noReply());
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
    }

    private void end(String messageId, ApiError error) {
        TurnExchange exchange = pending.remove(messageId);
        if (exchange != null) {
            exchange.fail(error);
        }
    }

    /** Answers the request the reply belongs to; a request that timed out or whose client left is reported. */
    @Override
    public void send(OutboundMessage message) {
        Optional<String> messageId = message.inReplyTo().messageId();
        TurnExchange exchange = messageId.map(pending::remove).orElse(null);
        if (exchange == null) {
            sendError(message, "the request was already answered (turn timeout) before its reply was ready");
            return;
        }
        ReplyOutcome outcome = message.outcome().orElse(new ReplyOutcome(messageId.get(), Optional.empty()));
        boolean delivered = outcome.ok()
                ? exchange.reply(outcome.requestId(), message.text())
                : exchange.fail(ApiError.turnFailed(outcome.error().orElseThrow()));
        if (!delivered) {
            sendError(message, "the client closed the connection before the reply");
        }
    }

    private void sendError(OutboundMessage message, String error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", CHANNEL);
        fields.put("error", error + " (session " + message.inReplyTo().sessionId() + ")");
        context.events().emit("channel_send_error", fields);
    }

    /** A request whose worker dies fails at its client, which may send it again: no inbox journal (SPEC §22). */
    @Override
    public boolean sourceRedelivers() {
        return true;
    }

    /** Stops taking chat requests at once; new ones get 503, turns in flight are still answered through {@link #send}. */
    @Override
    public void stopReceiving() {
        stopping = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        for (String messageId : pending.keySet()) {
            end(messageId, ApiError.stopping());
        }
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(WebChannel.class).warn("web server did not stop cleanly: {}", e.toString());
        }
        timers.shutdownNow();
    }
}
