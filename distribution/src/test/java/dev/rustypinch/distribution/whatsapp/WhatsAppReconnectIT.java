package dev.rustypinch.distribution.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WhatsApp worker through bridge drops (SPEC §13.2, §13.5), in-process through the real CLI: the bridge closes the
 * connection, the worker reconnects after the back-off, the bridge resends what it sent before, and every message is
 * still answered exactly once.
 */
class WhatsAppReconnectIT {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);
    private static final String READ_ERROR = "{\"channel\":\"whatsapp\",\"error\":\"bridge closed connection: code=1001 "
            + "reason=bridge restarting\",\"event\":\"channel_read_error\"}";
    private static final String[] CHATS = {"chat-a", "chat-b", "chat-c"};

    @TempDir
    Path work;

    private BridgeServer bridge;

    @BeforeEach
    void startBridge() {
        bridge = BridgeServer.start();
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    private static String message(int n) {
        return String.format(Locale.ROOT, "{\"type\":\"message\",\"id\":\"wamid-%d\",\"from\":\"%s\",\"content\":\"message %d\"}",
                n, CHATS[(n - 1) % CHATS.length], n);
    }

    private static String reply(int n, int history) {
        return String.format(Locale.ROOT,
                "{\"content\":\"[Rusty Pinch:local:%s] Received 'message %d'. history=%d messages.\",\"to\":\"%s\",\"type\":\"message\"}",
                WorkerRun.MODEL, n, history, CHATS[(n - 1) % CHATS.length]);
    }

    @Test
    void everyMessageIsAnsweredExactlyOnceAcrossBridgeDrops() throws Exception {
        int total = 12;
        int batch = 4;
        List<String> replies = new CopyOnWriteArrayList<>();
        AtomicInteger repliesOnConnection = new AtomicInteger();
        bridge.onOpen = peer -> {
            repliesOnConnection.set(0);
            int connection = bridge.connectionOf(peer);
            for (int n = Math.max(1, (connection - 1) * batch + 1); n <= connection * batch; n++) {
                peer.send(message(n));
            }
            for (int n = connection * batch + 1; n <= (connection + 1) * batch; n++) {
                peer.send(message(n));
            }
        };
        bridge.onText = (peer, text) -> {
            replies.add(text);
            if (repliesOnConnection.incrementAndGet() == batch && replies.size() < total) {
                peer.close(1001, "bridge restarting");
            }
        };

        WorkerRun.Result result = new WorkerRun(work, bridge.url())
                .start("channels", "whatsapp", "--max-messages", Integer.toString(total)).await(RUN_LIMIT);

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            expected.add(reply(n, 2 * ((n - 1) / CHATS.length)));
        }
        assertEquals(expected.stream().sorted().toList(), replies.stream().sorted().toList());
        assertEquals(3, bridge.peers.size());
        assertEquals(List.of(READ_ERROR, READ_ERROR), result.events("channel_read_error"), result::toString);
        assertEquals(3, result.events("channel_connected").size(), result::toString);
        assertEquals(total, result.events("turn").size(), result::toString);
        assertEquals(List.of("{\"channel\":\"whatsapp\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}"),
                result.events("channel_stop"));
    }

    @Test
    void aReplyWhoseTurnRanDuringTheDropIsDeliveredAfterTheReconnect() throws Exception {
        CountDownLatch providerCalled = new CountDownLatch(1);
        CountDownLatch reconnected = new CountDownLatch(1);
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    providerCalled.countDown();
                    reconnected.await(10, TimeUnit.SECONDS);
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                            .body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"slow answer\"}}]}").build();
                }
            });
            provider.start(InetAddress.getByName("127.0.0.1"), 0);
            List<Integer> replyConnections = new CopyOnWriteArrayList<>();
            bridge.onOpen = peer -> {
                if (bridge.connectionOf(peer) == 0) {
                    peer.send(message(1));
                } else {
                    peer.send(message(1));
                    reconnected.countDown();
                }
            };
            bridge.onText = (peer, text) -> replyConnections.add(bridge.connectionOf(peer));

            WorkerRun.Running running = new WorkerRun(work, bridge.url())
                    .env("RUSTY_PINCH_PROVIDER", "vllm")
                    .env("RUSTY_PINCH_API_BASE", provider.url("/v1").toString())
                    .env("RUSTY_PINCH_API_KEY", "test-key")
                    .start("channels", "whatsapp", "--max-messages", "1");
            assertTrue(providerCalled.await(15, TimeUnit.SECONDS), "the turn never reached the provider");
            bridge.awaitPeer(0).close(1001, "bridge restarting");
            WorkerRun.Result result = running.await(RUN_LIMIT);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("{\"content\":\"slow answer\",\"to\":\"chat-a\",\"type\":\"message\"}", bridge.nextFrame());
            assertEquals(List.of(1), replyConnections);
            List<String> names = result.eventNames();
            assertEquals(List.of("channel_start", "channel_connected", "channel_read_error"), names.subList(0, 3), result::toString);
            // The second channel_connected and the turn event race: the bridge releases the provider when it sees the
            // new connection, which may be a moment before the worker reports it.
            assertEquals(List.of("channel_connected", "turn"), names.subList(3, 5).stream().sorted().toList(), result::toString);
            assertEquals(List.of("channel_stop"), names.subList(5, names.size()), result::toString);
            assertEquals(1, provider.getRequestCount());
        }
    }
}
