package dev.rustypinch.bench.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A fake Telegram Bot API for load runs, on 127.0.0.1 (JDK HTTP server, no dependencies): {@code getUpdates} long
 * polls hand out queued updates (at most 100 per answer, like Telegram) and note when each update was first
 * delivered; {@code sendMessage} bodies are matched back to their update through the local provider's echo
 * ({@code Received 'u<update id>'}) and reported to a {@link ReplyListener} with the delivery-to-reply latency.
 */
final class FakeTelegramServer implements AutoCloseable {
    /** Called on an HTTP thread for every reply that names a delivered update. */
    interface ReplyListener {
        void replied(long chatId, long updateId, long latencyNanos);
    }

    private static final int MAX_UPDATES_PER_POLL = 100;
    private static final String ECHO_MARK = "Received 'u";

    private final String token;
    private final ReplyListener listener;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private final TreeMap<Long, String> queued = new TreeMap<>();
    private final Map<Long, Long> deliveredAt = new ConcurrentHashMap<>();
    private final AtomicInteger unmatchedReplies = new AtomicInteger();
    private long nextUpdateId = 1;
    private long firstPollNanos;
    private boolean closed;

    FakeTelegramServer(String token, ReplyListener listener) throws IOException {
        this(token, listener, null);
    }

    /**
     * @param tls the server's TLS context for an {@code https://} fake, or null for plain HTTP
     */
    FakeTelegramServer(String token, ReplyListener listener, SSLContext tls) throws IOException {
        this.token = requireNonNull(token, "token is null");
        this.listener = requireNonNull(listener, "listener is null");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(loopback, 128);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 128);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            this.server = https;
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "fake-telegram-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/bot" + token + "/getUpdates", this::getUpdates);
        server.createContext("/bot" + token + "/sendMessage", this::sendMessage);
        server.start();
    }

    /** The value for {@code RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE}. */
    String apiBase() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues a text message {@code u<update id>} from user {@code chatId} in chat {@code chatId}. */
    long addMessage(long chatId) {
        synchronized (lock) {
            long updateId = nextUpdateId++;
            queued.put(updateId, "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId
                    + ",\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Load\"},\"chat\":{\"id\":" + chatId
                    + ",\"type\":\"private\"},\"date\":1700000000,\"text\":\"u" + updateId + "\"}}");
            lock.notifyAll();
            return updateId;
        }
    }

    /** Waits for the first {@code getUpdates}; returns its {@link System#nanoTime()} or 0 on timeout. */
    long awaitFirstPoll(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (firstPollNanos == 0 && System.currentTimeMillis() < deadline) {
                lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            return firstPollNanos;
        }
    }

    /** Replies whose text did not name a delivered update (errors, duplicates). */
    int unmatchedReplies() {
        return unmatchedReplies.get();
    }

    private void getUpdates(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        Map<String, String> query = query(exchange.getRequestURI());
        long offset = Long.parseLong(query.getOrDefault("offset", "0"));
        if (query.containsKey("limit")) {
            respond(exchange, "{\"ok\":true,\"result\":[]}");
            return;
        }
        long timeoutMillis = Long.parseLong(query.getOrDefault("timeout", "0")) * 1000;
        StringBuilder body = new StringBuilder("{\"ok\":true,\"result\":[");
        synchronized (lock) {
            if (firstPollNanos == 0) {
                firstPollNanos = now;
                lock.notifyAll();
            }
            queued.headMap(offset).clear();
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (!closed && queued.isEmpty() && System.currentTimeMillis() < deadline) {
                try {
                    lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            long delivered = System.nanoTime();
            int count = 0;
            for (Map.Entry<Long, String> update : queued.entrySet()) {
                if (count == MAX_UPDATES_PER_POLL) {
                    break;
                }
                body.append(count == 0 ? "" : ",").append(update.getValue());
                deliveredAt.putIfAbsent(update.getKey(), delivered);
                count++;
            }
        }
        respond(exchange, body.append("]}").toString());
    }

    private void sendMessage(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), UTF_8);
        }
        long now = System.nanoTime();
        respond(exchange, "{\"ok\":true,\"result\":{\"message_id\":1}}");
        long chatId = number(body, "\"chat_id\":\"");
        long updateId = number(body, ECHO_MARK);
        Long delivered = updateId < 0 ? null : deliveredAt.remove(updateId);
        if (chatId < 0 || delivered == null) {
            unmatchedReplies.incrementAndGet();
            return;
        }
        listener.replied(chatId, updateId, now - delivered);
    }

    /** The decimal number right after {@code mark} in {@code text}, or -1. */
    private static long number(String text, String mark) {
        int start = text.indexOf(mark);
        if (start < 0) {
            return -1;
        }
        start += mark.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(text.substring(start, end));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
