package dev.rustypinch.distribution.provider;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A chat-completion server on 127.0.0.1 (MockWebServer) and the responses the tests give it. */
final class FakeProvider implements AutoCloseable {
    /** The key every test configures; it must show up only in the {@code Authorization} header. */
    static final String KEY = "sk-e2e-5ecret-Key-7f3a9c21d04b";

    private final MockWebServer server = new MockWebServer();

    FakeProvider() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    MockWebServer server() {
        return server;
    }

    /** {@code http://127.0.0.1:<port><path>}, e.g. a base with path {@code /v1}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + requireNonNull(path, "path is null");
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    /** The next request, failing when none arrived within 5 s. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request reached the fake provider");
        }
        return request;
    }

    int requestCount() {
        return server.getRequestCount();
    }

    /** A 200 whose first choice's message has the given content string. */
    static MockResponse reply(String content) {
        return json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":" + JsonStrings.quote(content) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}");
    }

    /** A response with a JSON body. */
    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A non-2xx response with an OpenAI-style error body. */
    static MockResponse error(int status, String message) {
        return json(status, "{\"error\":{\"message\":" + JsonStrings.quote(message) + ",\"type\":\"test\"}}");
    }

    @Override
    public void close() {
        server.close();
    }
}
