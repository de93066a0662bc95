package dev.rustypinch.plugin.channelweb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 50 requests at once over 5 sessions: each answered with its own reply, turns of a session one at a time, nothing lost. */
class WebConcurrencyTest {
    private static final int SESSIONS = 5;
    private static final int PER_SESSION = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPLY = Pattern.compile("Received '(s\\d-m\\d+)'\\. history=(\\d+) messages\\.");

    @TempDir
    Path work;

    @Test
    void fiftyConcurrentRequestsOverFiveSessionsKeepPerSessionOrderAndLoseNothing() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS * PER_SESSION);
        try (WebWorker worker = WebWorker.start(work, SESSIONS * PER_SESSION, Map.of())) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                for (int m = 0; m < PER_SESSION; m++) {
                    String body = WebWorker.userMessage("s" + s, "s" + s + "-m" + m);
                    responses.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                            return worker.send(worker.chat(body));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, clients));
                }
            }
            go.countDown();
            Map<String, Set<Integer>> historiesBySession = new TreeMap<>();
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> response = responses.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                Matcher reply = REPLY.matcher(JSON.readTree(response.body()).at("/choices/0/message/content").asText());
                assertEquals(true, reply.find(), response.body());
                String text = reply.group(1);
                assertEquals("s" + (i / PER_SESSION) + "-m" + (i % PER_SESSION), text, "each request gets its own reply");
                answered.add(text);
                historiesBySession.computeIfAbsent(text.substring(0, 2), k -> new TreeSet<>()).add(Integer.parseInt(reply.group(2)));
            }
            assertEquals(SESSIONS * PER_SESSION, answered.size());
            Set<Integer> oneAtATime = new TreeSet<>();
            for (int k = 0; k < PER_SESSION; k++) {
                oneAtATime.add(2 * k);
            }
            for (int s = 0; s < SESSIONS; s++) {
                assertEquals(oneAtATime, historiesBySession.get("s" + s), "turns of session s" + s + " ran one at a time");
                assertSessionFileMatchesReplies(worker.sessionFile("web_s" + s));
            }
            assertEquals(0, worker.events("channel_message_dropped").size());
            assertEquals(SESSIONS * PER_SESSION, worker.events("turn").size());
        } finally {
            clients.shutdownNow();
        }
    }

    /** Adjacent pairs, each reply naming its own input and the history before it: the order the turns ran in. */
    private static void assertSessionFileMatchesReplies(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, UTF_8);
        assertEquals(2 * PER_SESSION, lines.size());
        for (int i = 0; i < lines.size(); i += 2) {
            JsonNode user = JSON.readTree(lines.get(i));
            JsonNode assistant = JSON.readTree(lines.get(i + 1));
            assertEquals("user", user.get("role").asText());
            assertEquals("assistant", assistant.get("role").asText());
            Matcher reply = REPLY.matcher(assistant.get("content").asText());
            assertEquals(true, reply.find());
            assertEquals(user.get("content").asText(), reply.group(1));
            assertEquals(i, Integer.parseInt(reply.group(2)));
        }
    }
}
