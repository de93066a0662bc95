package dev.rustypinch.plugin.channelweb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.ReplyOutcome;
import dev.rustypinch.api.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SSE keep-alives while a streamed turn is still running (SPEC §20.2), with the channel on its own and a shortened
 * interval: the sink here only holds messages until the test answers them, as the bus would after a long turn.
 */
class WebChannelKeepAliveTest {
    private record Published(InboundMessage message, DeliveryListener listener) {
    }

    @Test
    void aSlowStreamedTurnGetsKeepAlivesThenItsReply() throws Exception {
        LinkedBlockingQueue<Published> published = new LinkedBlockingQueue<>();
        WebChannel channel = keepAliveChannel(published);
        try {
            CompletableFuture<HttpResponse<String>> response = streamedRequest(channel);
            Published turn = published.poll(10, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(450);
            channel.send(new OutboundMessage(turn.message().chatId(), "done at last", turn.message(),
                    Optional.of(new ReplyOutcome("rp-1-1", Optional.empty()))));
            turn.listener().finished(DeliveryOutcome.PROCESSED);

            String body = response.get(10, TimeUnit.SECONDS).body();
            assertTrue(body.startsWith(": keep-alive\n\n: keep-alive\n\n"), body);
            assertTrue(body.contains("\"delta\":{\"content\":\"done at last\"}"), body);
            assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        } finally {
            channel.close();
        }
    }

    @Test
    void aTurnThatFailsAfterTheStreamStartedEndsWithAnErrorEvent() throws Exception {
        LinkedBlockingQueue<Published> published = new LinkedBlockingQueue<>();
        WebChannel channel = keepAliveChannel(published);
        try {
            CompletableFuture<HttpResponse<String>> response = streamedRequest(channel);
            Published turn = published.poll(10, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(250);
            channel.send(new OutboundMessage(turn.message().chatId(), "Rusty Pinch error: x", turn.message(),
                    Optional.of(new ReplyOutcome("rp-1-2", Optional.of("request_id=rp-1-2: provider call failed")))));

            HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertTrue(answered.body().endsWith("data: {\"error\":{\"code\":null,\"message\":\"request_id=rp-1-2: provider call failed\","
                    + "\"param\":null,\"type\":\"provider_error\"}}\n\n"), answered.body());
        } finally {
            channel.close();
        }
    }

    @Test
    void startEventNamesTheBoundPort() {
        WebSettings settings = new WebSettings("127.0.0.1", 0, Secret.of("t"), List.of(), Duration.ZERO);
        WebChannel channel = new WebChannel(settings, new MinimalContext());
        try {
            Map<String, Object> fields = channel.startEventFields();
            assertEquals(Map.of("listen", "127.0.0.1:" + channel.port()), fields);
            assertTrue(channel.port() > 0);
            assertTrue(channel.sourceRedelivers());
        } finally {
            channel.close();
        }
    }

    /** A started channel sending a keep-alive every 100 ms, whose inbound messages go to {@code published}. */
    private static WebChannel keepAliveChannel(LinkedBlockingQueue<Published> published) {
        WebSettings settings = new WebSettings("127.0.0.1", 0, Secret.of("t"), List.of(), Duration.ZERO);
        WebChannel channel = new WebChannel(settings, new MinimalContext(), Duration.ofMillis(100));
        channel.startEventFields();
        channel.start((message, listener) -> published.add(new Published(message, listener)));
        return channel;
    }

    /** A streamed chat request for "slow", sent without waiting for its answer. */
    private static CompletableFuture<HttpResponse<String>> streamedRequest(WebChannel channel) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + channel.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer t")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}],\"stream\":true}"))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    /** The few context services the channel uses on its own. */
    private static final class MinimalContext implements PluginContext {
        @Override
        public String pluginName() {
            return "pinch-channel-web";
        }

        @Override
        public PluginConfig config() {
            throw new UnsupportedOperationException("settings are passed directly");
        }

        @Override
        public EventSink events() {
            return (event, fields) -> { };
        }

        @Override
        public Path dataDirectory() {
            return Path.of("unused");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public String runtimeVersion() {
            return "1.0.0";
        }

        @Override
        public String modelName() {
            return "test-model";
        }
    }
}
