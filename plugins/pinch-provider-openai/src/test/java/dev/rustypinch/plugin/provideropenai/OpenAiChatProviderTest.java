package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Dns;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatProviderTest {
    private static final String KEY = "sk-test-5ecret-k3y";
    private static final Instant NOW = Instant.parse("2026-02-20T10:11:12Z");
    private static final ChatRequest REQUEST = new ChatRequest("test-model", List.of(
            new ChatMessage("system", "Rusty Pinch\n\nBe brief."),
            new ChatMessage("user", "hello")), 0.2);
    private static final String REQUEST_JSON = "{\"messages\":[{\"content\":\"Rusty Pinch\\n\\nBe brief.\",\"role\":\"system\"},"
            + "{\"content\":\"hello\",\"role\":\"user\"}],\"model\":\"test-model\",\"temperature\":0.2}";

    private final MockWebServer server = new MockWebServer();
    private final List<ChatProvider> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void closeAll() {
        providers.forEach(ChatProvider::close);
        server.close();
    }

    private static ProviderSettings settings(String provider, String base, Duration timeout) {
        return new ProviderSettings(provider, "test-model", Optional.of(base), Optional.of(Secret.of(KEY)),
                timeout, "rusty-pinch/1.0.0");
    }

    private String root() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private String base() {
        return root() + "/v1";
    }

    private ChatProvider provider(String name, Duration timeout) {
        ChatProvider provider = new OpenAiProviderFactory().create(settings(name, base(), timeout),
                new TestPluginContext(Clock.fixed(NOW, ZoneOffset.UTC)));
        providers.add(provider);
        return provider;
    }

    private ChatProvider provider() {
        return provider("openai", Duration.ofSeconds(10));
    }

    private void respond(int status, String body) {
        server.enqueue(new MockResponse.Builder().code(status).body(body).build());
    }

    private static String reply(String contentJson) {
        return "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":" + contentJson + "}}]}";
    }

    /** Runs a call that must fail; checks that the key is nowhere in the failure. */
    private static ProviderException failure(ChatProvider provider) {
        ProviderException failure = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));
        assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
        assertFalse(String.valueOf(failure).contains(KEY));
        return failure;
    }

    private static void assertFailure(Kind kind, String detail, ProviderException failure) {
        assertEquals(detail, failure.getMessage());
        assertEquals(kind, failure.kind());
    }

    // --- replies (SPEC §8.3, §17.1 item 10)

    @Test
    void stringContentIsReturnedAsIs() throws Exception {
        respond(200, reply("\"hello world\""));
        assertEquals(new ChatResponse("hello world"), provider().complete(REQUEST));
    }

    @Test
    void stringContentIsTrimmedOfUnicodeWhitespace() throws Exception {
        respond(200, reply("\"\\u00a0 hello world\\n\\u2007\""));
        assertEquals("hello world", provider().complete(REQUEST).content());
    }

    @Test
    void arrayContentJoinsTrimmedTextsWithNewlines() throws Exception {
        respond(200, reply("[{\"type\":\"text\",\"text\":\" line one \"},{\"type\":\"text\",\"text\":\"  \"},"
                + "{\"type\":\"image\"},{\"type\":\"text\",\"text\":\"line two\\n\"}]"));
        assertEquals("line one\nline two", provider().complete(REQUEST).content());
    }

    @Test
    void usageIsIgnored() throws Exception {
        respond(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],\"usage\":{\"total_tokens\":\"bogus\"}}");
        assertEquals("ok", provider().complete(REQUEST).content());
    }

    // --- request shape (SPEC §8.2, §17.2 item 33)

    @Test
    void requestIsAPostToChatCompletionsUnderTheBasePath() throws Exception {
        respond(200, reply("\"ok\""));
        provider().complete(REQUEST);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/chat/completions", request.getTarget());
    }

    @Test
    void baseWithoutPathPostsToRootChatCompletions() throws Exception {
        respond(200, reply("\"ok\""));
        ChatProvider provider = new OpenAiProviderFactory().create(settings("vllm", root(), Duration.ZERO),
                new TestPluginContext(Clock.systemUTC()));
        providers.add(provider);
        provider.complete(REQUEST);
        assertEquals("/chat/completions", server.takeRequest(5, TimeUnit.SECONDS).getTarget());
    }

    @Test
    void requestCarriesTheSpecHeaders() throws Exception {
        respond(200, reply("\"ok\""));
        provider().complete(REQUEST);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals("rusty-pinch/1.0.0", request.getHeaders().get("User-Agent"));
    }

    @Test
    void openAiRequestHasNoOpenRouterHeaders() throws Exception {
        respond(200, reply("\"ok\""));
        provider().complete(REQUEST);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNull(request.getHeaders().get("HTTP-Referer"));
        assertNull(request.getHeaders().get("X-Title"));
    }

    @Test
    void openRouterRequestHasRefererAndTitle() throws Exception {
        respond(200, reply("\"ok\""));
        provider("openrouter", Duration.ofSeconds(10)).complete(REQUEST);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("https://rusty-pinch.local", request.getHeaders().get("HTTP-Referer"));
        assertEquals("Rusty Pinch", request.getHeaders().get("X-Title"));
    }

    @Test
    void requestBodyIsTheExactCompactJson() throws Exception {
        respond(200, reply("\"ok\""));
        provider().complete(REQUEST);
        assertEquals(REQUEST_JSON, server.takeRequest(5, TimeUnit.SECONDS).getBody().string(StandardCharsets.UTF_8));
    }

    @Test
    void sequentialCallsReuseOneConnection() throws Exception {
        ChatProvider provider = provider();
        for (int i = 0; i < 3; i++) {
            respond(200, reply("\"ok\""));
            provider.complete(REQUEST);
        }
        for (int exchange = 0; exchange < 3; exchange++) {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals(0, request.getConnectionIndex());
            assertEquals(exchange, request.getExchangeIndex());
        }
    }

    @Test
    void concurrentCallsAllGetTheirReply() throws Exception {
        ChatProvider provider = provider();
        int calls = 4;
        for (int i = 0; i < calls; i++) {
            respond(200, reply("\"ok\""));
        }
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<ChatResponse>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(callers.submit(() -> provider.complete(REQUEST)));
            }
            for (Future<ChatResponse> reply : replies) {
                assertEquals("ok", reply.get(10, TimeUnit.SECONDS).content());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(calls, server.getRequestCount());
    }

    // --- 2xx bodies that are not replies (SPEC §8.3)

    @Test
    void invalidUtf8IsPermanent() {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[] {'{', (byte) 0xC3, '}'})).build());
        assertFailure(Kind.PERMANENT, "provider returned non-utf8 response", failure(provider()));
    }

    @Test
    void malformedJsonIsPermanent() {
        respond(200, "{\"choices\":[");
        assertFailure(Kind.PERMANENT, "failed parsing provider response json", failure(provider()));
    }

    @Test
    void emptyBodyIsNotJson() {
        respond(200, "");
        assertFailure(Kind.PERMANENT, "failed parsing provider response json", failure(provider()));
    }

    @Test
    void trailingGarbageIsNotJson() {
        respond(200, reply("\"ok\"") + " x");
        assertFailure(Kind.PERMANENT, "failed parsing provider response json", failure(provider()));
    }

    @Test
    void errorMessageWithRateLimitIsTransient() {
        respond(200, "{\"error\":{\"message\":\"Rate limit exceeded, please try again later\",\"type\":\"requests\"}}");
        assertFailure(Kind.TRANSIENT, "provider returned error: Rate limit exceeded, please try again later",
                failure(provider()));
    }

    @Test
    void stringErrorWithoutKeywordIsPermanent() {
        respond(200, "{\"error\":\"model not found\"}");
        assertFailure(Kind.PERMANENT, "provider returned error: model not found", failure(provider()));
    }

    @Test
    void errorWithoutMessageIsUnknownError() {
        respond(200, "{\"error\":{\"code\":42}}");
        assertFailure(Kind.PERMANENT, "provider returned error: unknown error", failure(provider()));
    }

    @Test
    void transientErrorBodyKeepsRetryAfter() {
        server.enqueue(new MockResponse.Builder().addHeader("Retry-After", "3")
                .body("{\"error\":{\"message\":\"server overloaded\"}}").build());
        assertEquals(Optional.of(Duration.ofSeconds(3)), failure(provider()).retryAfter());
    }

    @Test
    void echoedKeyIsMaskedInTheErrorText() {
        respond(200, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
        assertFailure(Kind.PERMANENT, "provider returned error: Incorrect API key provided: <redacted>", failure(provider()));
    }

    @Test
    void missingChoicesIsPermanent() {
        respond(200, "{\"id\":\"x\"}");
        assertFailure(Kind.PERMANENT, "provider response missing choices array", failure(provider()));
    }

    @Test
    void emptyChoicesIsPermanent() {
        respond(200, "{\"choices\":[]}");
        assertFailure(Kind.PERMANENT, "provider response has empty choices array", failure(provider()));
    }

    @Test
    void missingMessageIsPermanent() {
        respond(200, "{\"choices\":[{\"index\":0}]}");
        assertFailure(Kind.PERMANENT, "provider response missing choices[0].message", failure(provider()));
    }

    @Test
    void missingContentIsPermanent() {
        respond(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}");
        assertFailure(Kind.PERMANENT, "provider response missing choices[0].message.content", failure(provider()));
    }

    @Test
    void blankStringContentIsEmpty() {
        respond(200, reply("\" \\n\\t \""));
        assertFailure(Kind.PERMANENT, "provider response content is empty", failure(provider()));
    }

    @Test
    void emptyArrayContentIsEmpty() {
        respond(200, reply("[]"));
        assertFailure(Kind.PERMANENT, "provider response content is empty", failure(provider()));
    }

    // --- non-2xx statuses (SPEC §8.4, §17.1 item 12)

    @Test
    void status429WithRateLimitMessageIsTransient() {
        respond(429, "{\"error\":{\"message\":\"rate limit exceeded\"}}");
        assertFailure(Kind.TRANSIENT, "http_status=429; provider_error=rate limit exceeded", failure(provider()));
    }

    @Test
    void status429RetryAfterSecondsIsKept() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("").build());
        ProviderException failure = failure(provider());
        assertFailure(Kind.TRANSIENT, "http_status=429", failure);
        assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
    }

    @Test
    void status429RetryAfterHttpDateIsTheTimeUntilIt() {
        server.enqueue(new MockResponse.Builder().code(429)
                .addHeader("Retry-After", "Fri, 20 Feb 2026 10:11:42 GMT").body("").build());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failure(provider()).retryAfter());
    }

    @Test
    void malformedRetryAfterIsIgnored() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "soon").body("").build());
        assertEquals(Optional.empty(), failure(provider()).retryAfter());
    }

    @Test
    void status401WithInvalidApiKeyIsPermanent() {
        respond(401, "{\"error\":{\"message\":\"invalid api key\",\"type\":\"invalid_request_error\"}}");
        assertFailure(Kind.PERMANENT, "http_status=401; provider_error=invalid api key", failure(provider()));
    }

    @Test
    void permanentStatusIgnoresRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Retry-After", "7").body("{}").build());
        assertEquals(Optional.empty(), failure(provider()).retryAfter());
    }

    @Test
    void status500WithoutJsonIsTransientWithStatusOnly() {
        respond(500, "<html>Internal Server Error</html>");
        assertFailure(Kind.TRANSIENT, "http_status=500", failure(provider()));
    }

    @Test
    void status503WithStringErrorNamesIt() {
        respond(503, "{\"error\":\"upstream overloaded\"}");
        assertFailure(Kind.TRANSIENT, "http_status=503; provider_error=upstream overloaded", failure(provider()));
    }

    @Test
    void redirectIsNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/elsewhere").body("").build());
        assertFailure(Kind.PERMANENT, "http_status=307", failure(provider()));
        assertEquals(1, server.getRequestCount());
    }

    // --- transport failures (SPEC §8.4, §17.1 item 11)

    @Test
    void slowBodyTimesOutAsTransientIoError() {
        server.enqueue(new MockResponse.Builder().body(reply("\"late\"")).bodyDelay(1, TimeUnit.SECONDS).build());
        ProviderException failure = failure(provider("openai", Duration.ofMillis(100)));
        assertFailure(Kind.TRANSIENT, "io_error=InterruptedIOException: timeout", failure);
    }

    @Test
    void disconnectBeforeResponseIsTransientIoError() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build());
        assertFailure(Kind.TRANSIENT, "io_error=IOException: unexpected end of stream on " + root() + "/...",
                failure(provider()));
    }

    @Test
    void disconnectDuringBodyIsTransientIoError() {
        server.enqueue(new MockResponse.Builder().body(reply("\"" + "x".repeat(20_000) + "\""))
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        ProviderException failure = failure(provider());
        assertEquals(Kind.TRANSIENT, failure.kind());
        assertTrue(failure.getMessage().startsWith("io_error="), failure.getMessage());
    }

    @Test
    void refusedConnectionIsTransientIoError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        ChatProvider provider = new OpenAiProviderFactory().create(
                settings("openai", "http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(5)),
                new TestPluginContext(Clock.systemUTC()));
        providers.add(provider);
        ProviderException failure = failure(provider);
        assertFailure(Kind.TRANSIENT, "io_error=ConnectException: Failed to connect to /127.0.0.1:" + closedPort, failure);
    }

    @Test
    void hostResolutionFailureIsTransientIoError() {
        Dns failing = hostname -> {
            throw new UnknownHostException(hostname + ": Name or service not known");
        };
        ChatProvider provider = new OpenAiChatProvider(
                settings("openai", "http://nonexistent.invalid/v1", Duration.ofSeconds(5)), Clock.systemUTC(), failing);
        providers.add(provider);
        assertFailure(Kind.TRANSIENT, "io_error=UnknownHostException: nonexistent.invalid: Name or service not known",
                failure(provider));
    }

    // --- life cycle

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("pinch-provider-") || name.contains("OkHttp") || name.contains("Okio"))
                .sorted()
                .toList();
    }

    @Test
    void closeStopsEveryThreadOfTheClient() throws Exception {
        ChatProvider provider = provider();
        respond(200, reply("\"ok\""));
        provider.complete(REQUEST);
        assertTrue(clientThreads().contains("pinch-provider-openai-deadline"), clientThreads().toString());

        provider.close();

        assertEquals(List.of(), clientThreads());
    }

    @Test
    void closeIsIdempotent() {
        ChatProvider provider = provider();
        provider.close();
        provider.close();
        assertEquals(List.of(), clientThreads());
    }

    @Test
    void callAfterCloseIsPermanent() {
        ChatProvider provider = provider();
        provider.close();
        assertFailure(Kind.PERMANENT, "provider 'openai' is closed", failure(provider));
        assertEquals(0, server.getRequestCount());
    }
}
