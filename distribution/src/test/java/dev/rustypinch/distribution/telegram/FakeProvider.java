package dev.rustypinch.distribution.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A slow OpenAI-compatible provider on 127.0.0.1: {@code POST /v1/chat/completions} answers {@code echo: <last user
 * message>}, each answer waiting first for a permit ({@link #release(int)}) or, when the fake is open, for a fixed
 * delay. {@link #close()} releases every waiting request and stops the server.
 */
public final class FakeProvider extends Dispatcher {
    private static final Duration PERMIT_LIMIT = Duration.ofSeconds(30);

    private final MockWebServer server = new MockWebServer();
    private final Semaphore permits = new Semaphore(0);
    private final List<String> received = new ArrayList<>();
    private volatile Duration openDelay;
    private boolean closed;

    private FakeProvider() {
    }

    /** Starts a provider whose every answer waits for a {@link #release(int)}. */
    static FakeProvider gated() throws IOException {
        return start(null);
    }

    /** Starts a provider that answers each request after {@code delay}. */
    public static FakeProvider delayed(Duration delay) throws IOException {
        return start(delay);
    }

    private static FakeProvider start(Duration delay) throws IOException {
        FakeProvider provider = new FakeProvider();
        provider.openDelay = delay;
        provider.server.setDispatcher(provider);
        provider.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return provider;
    }

    /** The value for {@code RUSTY_PINCH_API_BASE}. */
    public String apiBase() {
        return server.url("/v1").toString();
    }

    /** Lets {@code count} more held requests answer. */
    void release(int count) {
        permits.release(count);
    }

    /** The user messages received so far, in arrival order. */
    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived. */
    synchronized void awaitRequests(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " provider requests within " + limit + ", got " + received);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (!request.getUrl().encodedPath().equals("/v1/chat/completions")) {
            return new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"not found\"}}").build();
        }
        String user = lastMessage(request);
        synchronized (this) {
            received.add(user);
            notifyAll();
        }
        Duration delay = openDelay;
        if (delay != null) {
            Thread.sleep(delay.toMillis());
        } else if (!permits.tryAcquire(PERMIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"test gave no permit\"}}").build();
        }
        ObjectNode body = FakeBotApi.JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", "echo: " + user);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    private static String lastMessage(RecordedRequest request) {
        try {
            JsonNode messages = FakeBotApi.JSON.readTree(request.getBody().utf8()).path("messages");
            return messages.path(messages.size() - 1).path("content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        permits.release(10_000);
        server.close();
    }
}
