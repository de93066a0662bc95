package dev.rustypinch.plugin.channeltelegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful fake Bot API: keeps updates and answers {@code getUpdates} from the requested offset
 * (long-polling up to the requested timeout when there is nothing), records acknowledgements and
 * {@code sendMessage} bodies, and plays scripted answers first when a test queued some.
 */
final class FakeBotApi extends Dispatcher {
    private final String token;
    private final TreeMap<Long, String> updates = new TreeMap<>();
    private final Deque<MockResponse> scriptedPolls = new ArrayDeque<>();
    private final Deque<MockResponse> scriptedSends = new ArrayDeque<>();
    private final Deque<MockResponse> scriptedAcks = new ArrayDeque<>();
    private final List<String> pollTargets = new ArrayList<>();
    private final List<Long> pollTimes = new ArrayList<>();
    private final List<String> ackTargets = new ArrayList<>();
    private final List<RecordedRequest> sends = new ArrayList<>();
    private boolean closed;

    FakeBotApi(String token) {
        this.token = token;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    synchronized void addUpdate(long updateId, String updateJson) {
        updates.put(updateId, updateJson);
        notifyAll();
    }

    /** Adds a text message update. */
    void addText(long updateId, long chatId, long fromId, String text) {
        addUpdate(updateId, "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId
                + ",\"from\":{\"id\":" + fromId + ",\"is_bot\":false,\"first_name\":\"A\"},\"chat\":{\"id\":" + chatId
                + ",\"type\":\"private\"},\"date\":1700000000,\"text\":" + TelegramBotApiJson.quote(text) + "}}");
    }

    synchronized void scriptPoll(MockResponse response) {
        scriptedPolls.add(response);
    }

    synchronized void scriptSend(MockResponse response) {
        scriptedSends.add(response);
    }

    synchronized void scriptAck(MockResponse response) {
        scriptedAcks.add(response);
    }

    synchronized List<String> pollTargets() {
        return List.copyOf(pollTargets);
    }

    synchronized List<Long> pollTimes() {
        return List.copyOf(pollTimes);
    }

    synchronized List<String> ackTargets() {
        return List.copyOf(ackTargets);
    }

    synchronized List<RecordedRequest> sends() {
        return List.copyOf(sends);
    }

    /** The {@code sendMessage} bodies, in order. */
    synchronized List<String> sendBodies() {
        return sends.stream().map(request -> request.getBody().utf8()).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getUrl();
        String prefix = "/bot" + token + "/";
        String path = url.encodedPath();
        if (!path.startsWith(prefix)) {
            return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        }
        String method = path.substring(prefix.length());
        if (method.equals("getUpdates") && url.queryParameter("limit") != null) {
            return acknowledge(request);
        }
        if (method.equals("getUpdates")) {
            return poll(request);
        }
        if (method.equals("sendMessage")) {
            return send(request);
        }
        return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }

    private synchronized MockResponse acknowledge(RecordedRequest request) {
        ackTargets.add(request.getTarget());
        MockResponse scripted = scriptedAcks.poll();
        return scripted != null ? scripted : json(200, "{\"ok\":true,\"result\":[]}");
    }

    private synchronized MockResponse send(RecordedRequest request) {
        sends.add(request);
        MockResponse scripted = scriptedSends.poll();
        return scripted != null ? scripted : json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}");
    }

    private synchronized MockResponse poll(RecordedRequest request) throws InterruptedException {
        pollTargets.add(request.getTarget());
        pollTimes.add(System.nanoTime());
        MockResponse scripted = scriptedPolls.poll();
        if (scripted != null) {
            return scripted;
        }
        long offset = Long.parseLong(request.getUrl().queryParameter("offset"));
        long timeoutMillis = Long.parseLong(request.getUrl().queryParameter("timeout")) * 1000;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!closed && updates.tailMap(offset).isEmpty() && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        StringBuilder body = new StringBuilder("{\"ok\":true,\"result\":[");
        String separator = "";
        for (Map.Entry<Long, String> update : updates.tailMap(offset).entrySet()) {
            body.append(separator).append(update.getValue());
            separator = ",";
        }
        return json(200, body.append("]}").toString());
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
