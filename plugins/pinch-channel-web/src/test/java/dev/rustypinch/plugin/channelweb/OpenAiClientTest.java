package dev.rustypinch.plugin.channelweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java library talking to a running web channel (SPEC §17.3 item 49). */
class OpenAiClientTest {
    @TempDir
    static Path work;

    private static WebWorker worker;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        worker = WebWorker.start(work, 20, Map.of());
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + worker.port() + "/v1").apiKey(WebWorker.TOKEN).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        worker.close();
    }

    private static ChatCompletionCreateParams params(String user, String text) {
        return ChatCompletionCreateParams.builder().model("whatever-the-client-says").addUserMessage(text).user(user).build();
    }

    @Test
    void aPlainCompletionCarriesTheReplyTheRequestIdAndTheModel() {
        ChatCompletion completion = client.chat().completions().create(params("openai-plain", "hello"));

        assertEquals("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.",
                completion.choices().get(0).message().content().orElseThrow());
        assertTrue(completion.id().matches("chatcmpl-rp-[0-9a-f]+-[0-9a-f]+"), completion.id());
        assertEquals("test-model", completion.model());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
    }

    @Test
    void aStreamedCompletionArrivesAsChunks() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params("openai-stream", "hi there"))) {
            chunks = stream.stream().collect(Collectors.toList());
        }

        String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse("")).collect(Collectors.joining());
        assertEquals("[Rusty Pinch:local:test-model] Received 'hi there'. history=0 messages.", text);
        assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, chunks.get(chunks.size() - 1).choices().get(0).finishReason().orElseThrow());
        assertEquals(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT, chunks.get(0).choices().get(0).delta().role().orElseThrow());
    }

    @Test
    void aFailedTurnIsA502ThatTheClientDoesNotRetry() {
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
                () -> client.chat().completions().create(params("openai-fail", "/tool session_tail 0")));

        assertEquals(502, e.statusCode());
        assertEquals("provider_error", e.type().orElseThrow());
        long turns = worker.events("turn").stream().filter(line -> line.contains("\"session_id\":\"web:openai-fail\"")).count();
        assertEquals(1, turns, "x-should-retry: false keeps the client from running the turn again");
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + worker.port() + "/v1").apiKey("nope").build();
        try {
            assertThrows(UnauthorizedException.class, () -> wrong.chat().completions().create(params("openai-401", "hello")));
        } finally {
            wrong.close();
        }
    }

    @Test
    void modelsListsTheConfiguredModel() {
        List<Model> models = client.models().list().data();

        assertEquals(1, models.size());
        assertEquals("test-model", models.get(0).id());
        assertEquals("rusty-pinch", models.get(0).ownedBy());
    }
}
