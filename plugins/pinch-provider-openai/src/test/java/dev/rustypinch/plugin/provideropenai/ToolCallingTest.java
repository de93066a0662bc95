package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import dev.rustypinch.api.ToolSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tools out and tool calls back over real HTTP (SPEC §18.3–§18.4), against MockWebServer answering like a real model. */
class ToolCallingTest {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}}}";
    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec("session_tail", "Show latest messages from current session.", SCHEMA),
            new ToolSpec("time_now", "Show current UTC timestamp in RFC3339.", "{\"properties\":{},\"type\":\"object\"}"));
    private static final List<ChatMessage> BASE = List.of(new ChatMessage("system", "S"), new ChatMessage("user", "what time?"));

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        provider = new OpenAiProviderFactory().create(new ProviderSettings("openai", "m",
                Optional.of("http://127.0.0.1:" + server.getPort() + "/v1"), Optional.of(Secret.of("sk-test")),
                Duration.ofSeconds(10), "rusty-pinch/1.0.0"), new TestPluginContext(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private void respond(String messageJson) {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                        + messageJson + ",\"finish_reason\":\"tool_calls\"}]}").build());
    }

    private String sentBody() throws InterruptedException {
        return server.takeRequest().getBody().string(StandardCharsets.UTF_8);
    }

    private String failure(String messageJson) {
        respond(messageJson);
        ProviderException failure = assertThrows(ProviderException.class,
                () -> provider.complete(new ChatRequest("m", BASE, 0.2, TOOLS, Optional.empty())));
        assertEquals(Kind.PERMANENT, failure.kind());
        return failure.getMessage();
    }

    @Test
    void providerSaysItSupportsTools() {
        assertTrue(provider.supportsTools());
    }

    @Test
    void toolsGoOutInOrderWithSchemasAsDeclared() throws Exception {
        respond("{\"role\":\"assistant\",\"content\":\"ok\"}");
        provider.complete(new ChatRequest("m", BASE, 0.2, TOOLS, Optional.empty()));
        assertEquals("{\"messages\":[{\"content\":\"S\",\"role\":\"system\"},{\"content\":\"what time?\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2,\"tools\":["
                + "{\"function\":{\"description\":\"Show latest messages from current session.\",\"name\":\"session_tail\","
                + "\"parameters\":" + SCHEMA + "},\"type\":\"function\"},"
                + "{\"function\":{\"description\":\"Show current UTC timestamp in RFC3339.\",\"name\":\"time_now\","
                + "\"parameters\":{\"properties\":{},\"type\":\"object\"}},\"type\":\"function\"}]}", sentBody());
    }

    @Test
    void laterRoundsCarryTheCallsAndTheirResultsAndToolChoice() throws Exception {
        respond("{\"role\":\"assistant\",\"content\":\"It is noon.\"}");
        List<ChatMessage> messages = new ArrayList<>(BASE);
        messages.add(ChatMessage.assistantToolCalls(null, List.of(new ChatToolCall("call_1", "time_now", ""),
                new ChatToolCall("call_2", "session_tail", "{\"count\":2}"))));
        messages.add(ChatMessage.toolResult("call_1", "2026-02-20T12:00:00+00:00"));
        messages.add(ChatMessage.toolResult("call_2", "error: count must be > 0"));
        provider.complete(new ChatRequest("m", messages, 0.2, TOOLS, Optional.of("none")));
        String body = sentBody();
        assertTrue(body.contains("{\"content\":null,\"role\":\"assistant\",\"tool_calls\":["
                + "{\"function\":{\"arguments\":\"\",\"name\":\"time_now\"},\"id\":\"call_1\",\"type\":\"function\"},"
                + "{\"function\":{\"arguments\":\"{\\\"count\\\":2}\",\"name\":\"session_tail\"},\"id\":\"call_2\",\"type\":\"function\"}]},"
                + "{\"content\":\"2026-02-20T12:00:00+00:00\",\"role\":\"tool\",\"tool_call_id\":\"call_1\"},"
                + "{\"content\":\"error: count must be > 0\",\"role\":\"tool\",\"tool_call_id\":\"call_2\"}],"
                + "\"model\":\"m\",\"temperature\":0.2,\"tool_choice\":\"none\",\"tools\":["), body);
    }

    @Test
    void requestWithoutToolsIsTheSection82Body() throws Exception {
        respond("{\"role\":\"assistant\",\"content\":\"ok\"}");
        provider.complete(new ChatRequest("m", BASE, 0.2));
        assertEquals("{\"messages\":[{\"content\":\"S\",\"role\":\"system\"},{\"content\":\"what time?\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2}", sentBody());
    }

    @Test
    void toolCallsWithNullContentAreParsedInOrder() throws Exception {
        respond("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"time_now\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"session_tail\",\"arguments\":\"{\\\"count\\\": 3}\"}}]}");
        ChatResponse response = provider.complete(new ChatRequest("m", BASE, 0.2, TOOLS, Optional.empty()));
        assertNull(response.content());
        assertEquals(List.of(new ChatToolCall("call_a", "time_now", "{}"), new ChatToolCall("call_b", "session_tail", "{\"count\": 3}")),
                response.toolCalls());
    }

    @Test
    void toolCallsWithoutContentAndWithTextAreValid() throws Exception {
        respond("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"time_now\",\"arguments\":\"\"}}]}");
        ChatResponse missing = provider.complete(new ChatRequest("m", BASE, 0.2, TOOLS, Optional.empty()));
        assertNull(missing.content());
        assertEquals("", missing.toolCalls().get(0).arguments());
        respond("{\"role\":\"assistant\",\"content\":\" Let me check. \",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"time_now\",\"arguments\":\"{}\"}}]}");
        assertEquals("Let me check.", provider.complete(new ChatRequest("m", BASE, 0.2, TOOLS, Optional.empty())).content());
    }

    @Test
    void emptyToolCallsArrayNeedsContent() {
        assertEquals("provider response missing choices[0].message.content", failure("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]}"));
    }

    @Test
    void callWithoutIdIsMalformed() {
        assertEquals("provider response has malformed tool_calls[1]", failure("{\"content\":null,\"tool_calls\":["
                + "{\"id\":\"a\",\"function\":{\"name\":\"time_now\",\"arguments\":\"{}\"}},"
                + "{\"function\":{\"name\":\"time_now\",\"arguments\":\"{}\"}}]}"));
    }

    @Test
    void callWithObjectArgumentsIsMalformed() {
        assertEquals("provider response has malformed tool_calls[0]", failure("{\"content\":null,\"tool_calls\":["
                + "{\"id\":\"a\",\"function\":{\"name\":\"time_now\",\"arguments\":{}}}]}"));
    }

    @Test
    void callWithoutFunctionOrNameIsMalformed() {
        assertEquals("provider response has malformed tool_calls[0]", failure("{\"tool_calls\":[{\"id\":\"a\"}]}"));
        assertEquals("provider response has malformed tool_calls[0]",
                failure("{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":7,\"arguments\":\"{}\"}}]}"));
        assertEquals("provider response has malformed tool_calls[0]", failure("{\"tool_calls\":[\"time_now\"]}"));
    }
}
