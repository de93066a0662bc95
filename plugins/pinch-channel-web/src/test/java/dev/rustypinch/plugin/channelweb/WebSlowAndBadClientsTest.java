package dev.rustypinch.plugin.channelweb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue item 4: huge bodies, slow clients, clients that leave mid-turn, turns that outlast their timeout and requests the
 * bus drops. The worker keeps serving everyone else and every turn is saved exactly once.
 */
class WebSlowAndBadClientsTest {
    @TempDir
    static Path work;

    private static WebWorker worker;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = WebWorker.start(work, 40, Map.of("RUSTY_PINCH_CHANNELS_WEB_TURN_TIMEOUT_SECS", "2",
                "RUSTY_PINCH_BUS_CAPACITY", "2", "RUSTY_PINCH_BUS_OVERFLOW", "drop_newest"));
        assertEquals(200, worker.send(worker.chat(WebWorker.userMessage("warm-up", "warm up"))).statusCode());
    }

    @AfterAll
    static void stopWorker() throws Exception {
        worker.close();
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, UTF_8).stream().filter(line -> !line.isBlank()).count() : 0;
    }

    private void assertServesOthers() throws Exception {
        assertEquals(200, worker.send(worker.chat(WebWorker.userMessage("bystander", "still served"))).statusCode());
    }

    @Test
    void aTenMegabyteBodyWithALengthIs413WithoutReadingIt() throws Exception {
        try (RawHttp raw = new RawHttp(worker.port())) {
            raw.write(RawHttp.chatHeaders(WebWorker.TOKEN, "Content-Length: 10485760\r\n"));
            raw.write(new byte[64 * 1024]);
            String response = raw.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
            assertTrue(response.contains("\"code\":\"request_too_large\""), response);
        }
        assertServesOthers();
    }

    @Test
    void aTenMegabyteChunkedBodyIs413OnceItPassesTheLimit() throws Exception {
        try (RawHttp raw = new RawHttp(worker.port())) {
            raw.write(RawHttp.chatHeaders(WebWorker.TOKEN, "Transfer-Encoding: chunked\r\n"));
            byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(UTF_8);
            try {
                for (int i = 0; i < 160; i++) {
                    raw.write(chunk);
                }
            } catch (IOException closedByServer) {
                assertTrue(true, "the server may close the connection after answering");
            }
            String response = raw.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        }
        assertServesOthers();
    }

    @Test
    void slowClientsHoldNoThreadAndOthersAreServed() throws Exception {
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * WebChannel.MAX_THREADS; i++) {
                RawHttp raw = new RawHttp(worker.port());
                slow.add(raw);
                if (i % 2 == 0) {
                    raw.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor");
                } else {
                    raw.write(RawHttp.chatHeaders(WebWorker.TOKEN, "Content-Length: 100\r\n") + "{\"messages\":");
                }
            }
            for (int i = 0; i < 5; i++) {
                assertServesOthers();
            }
        } finally {
            for (RawHttp raw : slow) {
                raw.close();
            }
        }
    }

    @Test
    void aTurnOverItsTimeoutIs504AndStillSavedOnce() throws Exception {
        Path session = worker.sessionFile("web_slow");
        try (SessionLockHolder lock = SessionLockHolder.lock(session)) {
            HttpResponse<String> response = worker.send(worker.chat(WebWorker.userMessage("slow", "take your time")));

            assertEquals(504, response.statusCode(), response.body());
            assertEquals("false", response.headers().firstValue("x-should-retry").orElse(""));
            assertTrue(response.body().contains("\"code\":\"turn_timeout\""), response.body());
            assertTrue(response.body().contains("\"type\":\"timeout_error\""), response.body());
            assertServesOthers();
        }
        awaitLines(session, 2);
        assertEquals(2, lines(session));
        awaitEvent("already answered (turn timeout)");
    }

    @Test
    void aClientThatLeavesMidTurnHasItsTurnSavedOnce() throws Exception {
        Path session = worker.sessionFile("web_leaver");
        try (SessionLockHolder lock = SessionLockHolder.lock(session)) {
            try (RawHttp raw = new RawHttp(worker.port())) {
                String body = WebWorker.userMessage("leaver", "bye for now");
                raw.write(RawHttp.chatHeaders(WebWorker.TOKEN, "Content-Length: " + body.length() + "\r\n") + body);
                TimeUnit.MILLISECONDS.sleep(1_500);
            }
            assertServesOthers();
        }
        awaitLines(session, 2);
        TimeUnit.MILLISECONDS.sleep(500);
        assertEquals(2, lines(session));
        assertTrue(Files.readString(session, UTF_8).contains("bye for now"));
    }

    @Test
    void aRequestTheBusDropsIs503() throws Exception {
        Path session = worker.sessionFile("web_crowded");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (SessionLockHolder lock = SessionLockHolder.lock(session)) {
            for (int i = 0; i < 4; i++) {
                String text = "crowd " + i;
                responses.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return worker.send(worker.chat(WebWorker.userMessage("crowded", text)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
                TimeUnit.MILLISECONDS.sleep(300);
            }
            TimeUnit.MILLISECONDS.sleep(300);
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
            statuses.add(answered.statusCode());
            if (answered.statusCode() == 503) {
                assertTrue(answered.body().contains("\"code\":\"queue_overflow\""), answered.body());
            }
        }
        assertTrue(statuses.contains(503), statuses.toString());
        long saved = statuses.stream().filter(status -> status == 200 || status == 504).count();
        awaitLines(session, 2 * saved);
        assertEquals(2 * saved, lines(session), statuses.toString());
        long drops = worker.events("channel_message_dropped").stream().filter(line -> line.contains("web:crowded")).count();
        assertEquals(statuses.stream().filter(status -> status == 503).count(), drops, worker.stderr());
    }

    private static void awaitLines(Path session, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines(session) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void awaitEvent(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (worker.events("channel_send_error").stream().noneMatch(line -> line.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no channel_send_error with '" + text + "':\n" + worker.stderr());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
