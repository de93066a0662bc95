package dev.rustypinch.distribution.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rusty-pinch channels whatsapp} of the built distribution as a real child process, stopped by SIGTERM or
 * SIGINT (SPEC §13.5, §12.6, §10.5): the literal {@code channel_signal} line, running turns finish and send, the socket
 * is closed with 1000, {@code channel_stop} with reason {@code signal}, exit 0 within 5 s of the signal.
 */
class WhatsAppLauncherSignalIT {
    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);
    private static final String CONNECTED = "{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}";
    private static final String STOP_SIGNAL = "{\"channel\":\"whatsapp\",\"event\":\"channel_stop\",\"reason\":\"signal\"}";
    private static final String HELLO = "{\"type\":\"message\",\"id\":\"m1\",\"from\":\"alice\",\"content\":\"hello\"}";

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

    private static String signalLine(String word) {
        return "{\"event\":\"channel_signal\",\"signal\":\"" + word + "\",\"action\":\"graceful_stop\"}";
    }

    private static List<String> events(LauncherProcess worker) {
        return worker.stderrLines().stream().filter(line -> line.startsWith("{")).toList();
    }

    private void signalStopsTheWorkerGracefully(String signal, String word) throws Exception {
        bridge.onOpen = peer -> peer.send(HELLO);
        try (LauncherProcess worker = LauncherProcess.start(work, new WorkerRun(work, bridge.url()).writeEnvFile(),
                "channels", "whatsapp")) {
            worker.awaitLine(CONNECTED, START_LIMIT);
            assertEquals("{\"content\":\"[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.\","
                    + "\"to\":\"alice\",\"type\":\"message\"}", bridge.nextFrame());

            long signalledAt = System.nanoTime();
            worker.signal(signal);
            OptionalInt exit = worker.awaitExit(STOP_LIMIT);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledAt);

            assertEquals(OptionalInt.of(0), exit, () -> "stderr:\n" + worker.stderr());
            assertTrue(stopMillis < STOP_LIMIT.toMillis(), "stopped after " + stopMillis + " ms");
            assertTrue(bridge.nextClose().startsWith("1000 "));
            List<String> events = events(worker);
            assertEquals(List.of(signalLine(word), STOP_SIGNAL), events.subList(events.size() - 2, events.size()),
                    worker::stderr);
            assertEquals("", worker.stdout());
            assertEquals(1, bridge.peers.size());
        }
    }

    @Test
    void sigtermStopsTheWorkerGracefully() throws Exception {
        signalStopsTheWorkerGracefully("TERM", "terminate");
    }

    @Test
    void sigintStopsTheWorkerGracefully() throws Exception {
        signalStopsTheWorkerGracefully("INT", "interrupt");
    }

    @Test
    void aTurnRunningAtSigtermFinishesAndIsAnsweredBeforeTheSocketCloses() throws Exception {
        CountDownLatch providerCalled = new CountDownLatch(1);
        CountDownLatch signalled = new CountDownLatch(1);
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    providerCalled.countDown();
                    signalled.await(10, TimeUnit.SECONDS);
                    Thread.sleep(300);
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                            .body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"finished anyway\"}}]}").build();
                }
            });
            provider.start(InetAddress.getByName("127.0.0.1"), 0);
            bridge.onOpen = peer -> peer.send(HELLO);
            Path envFile = new WorkerRun(work, bridge.url()).env("RUSTY_PINCH_PROVIDER", "vllm")
                    .env("RUSTY_PINCH_API_BASE", provider.url("/v1").toString())
                    .env("RUSTY_PINCH_API_KEY", "test-key").writeEnvFile();
            try (LauncherProcess worker = LauncherProcess.start(work, envFile, "channels", "whatsapp")) {
                assertTrue(providerCalled.await(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS),
                        () -> "the turn never reached the provider; stderr:\n" + worker.stderr());

                worker.signal("TERM");
                worker.awaitLine(signalLine("terminate"), STOP_LIMIT);
                signalled.countDown();
                OptionalInt exit = worker.awaitExit(STOP_LIMIT);

                assertEquals(OptionalInt.of(0), exit, () -> "stderr:\n" + worker.stderr());
                assertEquals("{\"content\":\"finished anyway\",\"to\":\"alice\",\"type\":\"message\"}", bridge.nextFrame());
                assertTrue(bridge.nextClose().startsWith("1000 "));
                List<String> events = events(worker);
                assertTrue(events.stream().anyMatch(line -> line.contains("\"event\":\"turn\"") && line.contains("\"status\":\"ok\"")),
                        worker::stderr);
                assertEquals(STOP_SIGNAL, events.get(events.size() - 1), worker::stderr);
            }
        }
    }
}
