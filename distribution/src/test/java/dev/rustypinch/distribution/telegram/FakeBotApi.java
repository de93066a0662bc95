package dev.rustypinch.distribution.telegram;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful fake Telegram Bot API on 127.0.0.1: keeps updates and answers {@code getUpdates} from the requested
 * offset, at most 100 per page, holding the request up to its {@code timeout} when there is nothing new (a real long
 * poll). Like Telegram it forgets every update below the offset of any {@code getUpdates} call, so an update confirmed
 * that way is never delivered again. Records every poll, every acknowledgement ({@code getUpdates} with {@code limit})
 * and every {@code sendMessage} body.
 * {@link #close()} releases held polls and stops the server.
 */
final class FakeBotApi extends Dispatcher {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One {@code sendMessage} as received. */
    record Sent(String chatId, String text, long receivedNanos) {
    }

    /** Telegram's default and largest {@code getUpdates} page. */
    static final int PAGE = 100;

    private final String token;
    private final MockWebServer server = new MockWebServer();
    private final TreeMap<Long, String> updates = new TreeMap<>();
    private final List<String> pollTargets = new ArrayList<>();
    private final List<String> ackTargets = new ArrayList<>();
    private final List<Sent> sends = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private boolean closed;

    private FakeBotApi(String token) {
        this.token = requireNonNull(token, "token is null");
    }

    /** Starts a fake for {@code token} on a free loopback port. */
    static FakeBotApi start(String token) throws IOException {
        FakeBotApi api = new FakeBotApi(token);
        api.server.setDispatcher(api);
        api.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return api;
    }

    /** The value for {@code RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE}. */
    String apiBase() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** Adds a private-chat text message from {@code userId} in chat {@code chatId}. */
    void addText(long updateId, long chatId, long userId, String text) {
        addMessage(updateId, chatId, userId, false, text);
    }

    /** Adds a text message whose sender is a bot. */
    void addBotText(long updateId, long chatId, long userId, String text) {
        addMessage(updateId, chatId, userId, true, text);
    }

    private void addMessage(long updateId, long chatId, long userId, boolean isBot, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message").put("message_id", updateId).put("date", 1_700_000_000);
        message.putObject("from").put("id", userId).put("is_bot", isBot).put("first_name", "Ada");
        message.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "group" : "private");
        message.put("text", text);
        synchronized (this) {
            updates.put(updateId, update.toString());
            notifyAll();
        }
    }

    synchronized List<String> pollTargets() {
        return List.copyOf(pollTargets);
    }

    synchronized List<String> ackTargets() {
        return List.copyOf(ackTargets);
    }

    synchronized List<Sent> sends() {
        return List.copyOf(sends);
    }

    /** Requests that were neither a poll, an acknowledgement nor a send to this bot. */
    synchronized List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** The texts sent to one chat, in order. */
    synchronized List<String> textsTo(String chatId) {
        return sends.stream().filter(sent -> sent.chatId().equals(chatId)).map(Sent::text).toList();
    }

    /** Waits until at least {@code count} polls arrived. */
    synchronized void awaitPolls(int count, Duration limit) throws InterruptedException {
        awaitCount(() -> pollTargets.size(), count, limit, "polls");
    }

    /** Waits until at least {@code count} messages were sent. */
    synchronized void awaitSends(int count, Duration limit) throws InterruptedException {
        awaitCount(() -> sends.size(), count, limit, "sendMessage calls");
    }

    private void awaitCount(IntSupplier size, int count, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (size.getAsInt() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " " + what + " within " + limit + ", got " + size.getAsInt()
                        + "; sends=" + sends + "; polls=" + pollTargets);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getUrl();
        String prefix = "/bot" + token + "/";
        String path = url.encodedPath();
        String method = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
        if (method.equals("getUpdates") && url.queryParameter("limit") != null) {
            return acknowledge(request);
        }
        if (method.equals("getUpdates")) {
            return poll(request);
        }
        if (method.equals("sendMessage") && "POST".equals(request.getMethod())) {
            return send(request);
        }
        synchronized (this) {
            unexpected.add(request.getMethod() + " " + request.getTarget());
        }
        return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }

    private synchronized MockResponse acknowledge(RecordedRequest request) {
        ackTargets.add(request.getTarget());
        updates.headMap(Long.parseLong(request.getUrl().queryParameter("offset"))).clear();
        notifyAll();
        return json(200, "{\"ok\":true,\"result\":[]}");
    }

    private MockResponse send(RecordedRequest request) {
        long now = System.nanoTime();
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            sends.add(new Sent(body.path("chat_id").asText(), body.path("text").asText(), now));
            notifyAll();
        }
        return json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}");
    }

    private synchronized MockResponse poll(RecordedRequest request) throws InterruptedException {
        pollTargets.add(request.getTarget());
        notifyAll();
        long offset = Long.parseLong(request.getUrl().queryParameter("offset"));
        updates.headMap(offset).clear();
        long timeoutMillis = Long.parseLong(request.getUrl().queryParameter("timeout")) * 1000;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!closed && updates.tailMap(offset).isEmpty() && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        StringBuilder body = new StringBuilder("{\"ok\":true,\"result\":[");
        String separator = "";
        int page = 0;
        for (Map.Entry<Long, String> update : updates.tailMap(offset).entrySet()) {
            if (page++ == PAGE) {
                break;
            }
            body.append(separator).append(update.getValue());
            separator = ",";
        }
        return json(200, body.append("]}").toString());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        server.close();
    }
}
