package dev.rustypinch.plugin.channelweb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API of SPEC §20.2 against a running {@code channels web} worker with the local provider. */
class WebApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMPLETION = Pattern.compile("\\{\"choices\":\\[\\{\"finish_reason\":\"stop\",\"index\":0,"
            + "\"message\":\\{\"content\":\"(.*)\",\"role\":\"assistant\"}}],\"created\":\\d+,\"id\":\"chatcmpl-rp-[0-9a-f]+-[0-9a-f]+\","
            + "\"model\":\"test-model\",\"object\":\"chat.completion\",\"usage\":\\{\"completion_tokens\":0,\"prompt_tokens\":0,"
            + "\"total_tokens\":0}}");

    @TempDir
    static Path work;

    private static WebWorker worker;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = WebWorker.start(work, 60, Map.of("RUSTY_PINCH_CHANNELS_WEB_ALLOW_ORIGINS", "https://chat.example.org"));
    }

    @AfterAll
    static void stopWorker() throws Exception {
        worker.close();
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertEquals(List.of("error"), List.copyOf(iterable(body.fieldNames())), response.body());
        JsonNode error = body.get("error");
        assertEquals(List.of("code", "message", "param", "type"), List.copyOf(iterable(error.fieldNames())), response.body());
        assertTrue(error.get("param").isNull());
        return error;
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElse(""));
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
    }

    @Test
    void aCompletionHasTheSpecShapeAndTheLocalReply() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat(WebWorker.userMessage("shape", "hello")));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(COMPLETION.matcher(response.body()).matches(), response.body());
        assertEquals("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.",
                JSON.readTree(response.body()).at("/choices/0/message/content").asText());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertSecurityHeaders(response);
    }

    @Test
    void theSessionIsWebUserAndItsHistoryIsServedAsSessionJson() throws Exception {
        worker.send(worker.chat(WebWorker.userMessage("alice", "first")));
        worker.send(worker.chat(WebWorker.userMessage("alice", "second")));

        HttpResponse<String> history = worker.send(worker.get("/v1/sessions/web:alice"));

        assertEquals(200, history.statusCode(), history.body());
        JsonNode entries = JSON.readTree(history.body());
        assertEquals(4, entries.size());
        assertEquals("first", entries.get(0).get("content").asText());
        assertEquals("user", entries.get(2).get("role").asText());
        assertTrue(entries.get(3).get("content").asText().endsWith("Received 'second'. history=2 messages."));
        assertTrue(history.body().startsWith("[\n  {\n    \"role\": \"user\",\n    \"content\": \"first\",\n    \"timestamp\": \""),
                history.body());
        assertTrue(Files.exists(worker.sessionFile("web_alice")));
    }

    @Test
    void aMissingUserFieldUsesTheDefaultSessionAndArrayContentJoinsTextParts() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"line one\"},{\"type\":\"image_url\"},"
                + "{\"type\":\"text\",\"text\":\"line two\"}]}]}"));

        assertEquals(200, response.statusCode(), response.body());
        String reply = JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        assertTrue(reply.contains("Received 'line one\nline two'"), reply);
        assertTrue(Files.readString(worker.sessionFile("web_default"), UTF_8).contains("line one\\nline two"));
    }

    @Test
    void otherChannelsSessionsAreNotReachable() throws Exception {
        HttpResponse<String> response = worker.send(worker.get("/v1/sessions/telegram:1"));

        assertEquals(404, response.statusCode());
        assertEquals("unknown_url", error(response).get("code").asText());
    }

    @Test
    void modelsListsTheConfiguredModel() throws Exception {
        HttpResponse<String> response = worker.send(worker.get("/v1/models"));

        assertEquals(200, response.statusCode());
        assertEquals("{\"data\":[{\"created\":0,\"id\":\"test-model\",\"object\":\"model\",\"owned_by\":\"rusty-pinch\"}],"
                + "\"object\":\"list\"}", response.body());
    }

    @Test
    void healthzAnswersOkWithoutAToken() throws Exception {
        HttpResponse<String> response = worker.send(HttpRequest.newBuilder(worker.uri("/healthz")).GET());

        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
        assertSecurityHeaders(response);
    }

    @Test
    void thePageAndItsFilesAreServedWithTheContentSecurityPolicy() throws Exception {
        for (String path : List.of("/", "/app.js", "/app.css")) {
            HttpResponse<String> response = worker.send(HttpRequest.newBuilder(worker.uri(path)).GET());
            assertEquals(200, response.statusCode(), path);
            assertEquals("default-src 'self'", response.headers().firstValue("content-security-policy").orElse(""), path);
            assertSecurityHeaders(response);
        }
        String page = worker.send(HttpRequest.newBuilder(worker.uri("/")).GET()).body();
        assertTrue(page.contains("id=\"input\""));
        assertFalse(page.contains("http://") || page.contains("https://"), "the page names no external URL");
    }

    @Test
    void aMissingOrWrongTokenIs401WithTheEnvelope() throws Exception {
        HttpResponse<String> missing = worker.send(HttpRequest.newBuilder(worker.uri("/v1/models")).GET());
        HttpResponse<String> wrong = worker.send(HttpRequest.newBuilder(worker.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer test-token-0123456788").POST(HttpRequest.BodyPublishers.ofString("{}")));

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertEquals(401, response.statusCode());
            JsonNode error = error(response);
            assertEquals("invalid_request_error", error.get("type").asText());
            assertEquals("invalid_api_key", error.get("code").asText());
            assertFalse(response.body().contains(WebWorker.TOKEN));
            assertSecurityHeaders(response);
        }
        assertFalse(worker.stderr().contains(WebWorker.TOKEN));
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> unknownApi = worker.send(worker.get("/v1/embeddings"));
        HttpResponse<String> unknownPage = worker.send(HttpRequest.newBuilder(worker.uri("/admin")).GET());
        HttpResponse<String> getChat = worker.send(worker.get("/v1/chat/completions"));
        HttpResponse<String> postModels = worker.send(worker.get("/v1/models").POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> deletePage = worker.send(HttpRequest.newBuilder(worker.uri("/")).DELETE());

        assertEquals(404, unknownApi.statusCode());
        assertEquals("Unknown request URL: GET /v1/embeddings", error(unknownApi).get("message").asText());
        assertEquals(404, unknownPage.statusCode());
        error(unknownPage);
        assertEquals(405, getChat.statusCode());
        assertEquals("method_not_allowed", error(getChat).get("code").asText());
        assertEquals("POST", getChat.headers().firstValue("allow").orElse(""));
        assertEquals(405, postModels.statusCode());
        assertEquals("GET", postModels.headers().firstValue("allow").orElse(""));
        assertEquals(405, deletePage.statusCode());
    }

    @Test
    void aForeignOriginIs403AndAnAllowedOneGetsCorsHeaders() throws Exception {
        HttpResponse<String> foreign = worker.send(worker.get("/v1/models").header("Origin", "https://evil.example"));
        HttpResponse<String> allowed = worker.send(worker.get("/v1/models").header("Origin", "https://chat.example.org"));
        HttpResponse<String> sameOrigin = worker.send(worker.chat(WebWorker.userMessage("origin", "hi"))
                .header("Origin", "http://127.0.0.1:" + worker.port()));
        HttpResponse<String> preflight = worker.send(HttpRequest.newBuilder(worker.uri("/v1/chat/completions"))
                .header("Origin", "https://chat.example.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertEquals(403, foreign.statusCode());
        assertEquals("origin_not_allowed", error(foreign).get("code").asText());
        assertEquals(200, allowed.statusCode());
        assertEquals("https://chat.example.org", allowed.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
        assertEquals(204, preflight.statusCode());
        assertEquals("authorization, content-type", preflight.headers().firstValue("access-control-allow-headers").orElse(""));
    }

    @Test
    void badBodiesAre400WithAMessageNamingTheProblem() throws Exception {
        Map<String, String> cases = Map.of(
                "{not json", "request body is not valid JSON",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} {}", "request body is not valid JSON",
                "[1,2]", "request body must be a JSON object",
                "{\"messages\":\"hello\"}", "'messages' must be an array of messages",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", "'messages' has no message with role 'user'",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}", "the last 'user' message has no text",
                "{\"messages\":[{\"role\":\"user\",\"content\":42}]}", "a message 'content' must be a string or an array",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", "'stream' must be a boolean",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"user\":7}", "'user' must be a string",
                "", "request body is empty");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> response = worker.send(worker.chat(bad.getKey()));
            assertEquals(400, response.statusCode(), bad.getKey());
            JsonNode error = error(response);
            assertTrue(error.get("message").asText().startsWith(bad.getValue()), bad.getKey() + " -> " + error);
            assertEquals("invalid_request_error", error.get("type").asText());
        }
        assertEquals(200, worker.send(worker.chat(WebWorker.userMessage("after-bad", "still here"))).statusCode());
    }

    @Test
    void aFailedTurnIs502WithItsRequestIdAndNoRetry() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat(WebWorker.userMessage("tools", "/tool session_tail 0")));

        assertEquals(502, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElse(""));
        JsonNode error = error(response);
        assertEquals("provider_error", error.get("type").asText());
        assertTrue(Pattern.matches("request_id=rp-[0-9a-f]+-[0-9a-f]+: tool 'session_tail' execution failed: count must be > 0",
                error.get("message").asText()), error.toString());
        assertFalse(Files.exists(worker.sessionFile("web_tools")), "a failed turn leaves no trace");
    }

    @Test
    void aToolCommandRunsAsATurn() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat(WebWorker.userMessage("tools-ok", "/tool time_now")));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).at("/choices/0/message/content").asText().startsWith("[tool:time_now]\n"));
    }

    @Test
    void aStreamedCompletionSendsRoleContentStopAndDone() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":true,\"user\":\"stream\"}"));

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        String[] events = response.body().split("\n\n");
        assertEquals(4, events.length, response.body());
        String id = "chatcmpl-rp-[0-9a-f]+-[0-9a-f]+";
        assertTrue(Pattern.matches("data: \\{\"choices\":\\[\\{\"delta\":\\{\"content\":\"\",\"role\":\"assistant\"},"
                + "\"finish_reason\":null,\"index\":0}],\"created\":\\d+,\"id\":\"" + id + "\",\"model\":\"test-model\","
                + "\"object\":\"chat.completion.chunk\"}", events[0]), events[0]);
        assertTrue(events[1].contains("\"delta\":{\"content\":\"[Rusty Pinch:local:test-model] Received 'hi'. history=0 messages.\"}"),
                events[1]);
        assertTrue(events[2].contains("\"delta\":{},\"finish_reason\":\"stop\""), events[2]);
        assertEquals("data: [DONE]", events[3]);
    }

    @Test
    void aFailedStreamedTurnIsStillA502BeforeTheStreamStarts() throws Exception {
        HttpResponse<String> response = worker.send(worker.chat("{\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"/tool session_tail 0\"}],\"stream\":true,\"user\":\"stream-fail\"}"));

        assertEquals(502, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElse(""));
    }
}
