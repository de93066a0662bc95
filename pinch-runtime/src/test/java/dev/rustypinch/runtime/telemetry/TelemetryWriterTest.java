package dev.rustypinch.runtime.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.runtime.event.EventWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel worker's telemetry written behind its turns (SPEC §10.2, Java only; §11.3). */
class TelemetryWriterTest {
    private static final Duration LONG = Duration.ofHours(1);
    private static final WorkerState WORKER = new WorkerState("telegram@host:1", "telegram", 1, 0, "2026-02-20T10:11:12+00:00");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final EventWriter events = new EventWriter(new PrintStream(stderr, true, UTF_8));

    private TelemetryStore store() {
        return new TelemetryStore(dir.resolve("telemetry/latest.json"), events, Clock.systemUTC());
    }

    private static TurnRecord turn(int i) {
        return new TurnRecord("2026-02-20T10:11:12.125+00:00", "rp-1-" + i, "demo", "tool", "ok", "local", "m",
                "constant", null, null, 5, 4, null);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(5);
        }
    }

    private long totalTurns() {
        try {
            return store().read().totalTurns();
        } catch (CorruptTelemetryException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTurnIsWrittenWithoutWaitingForClose() throws Exception {
        TelemetryWriter writer = new TelemetryWriter(store(), () -> null, delta -> { }, LONG);
        try {
            writer.submit(turn(1));
            await(() -> totalTurns() == 1, "the turn was not written behind it");
            assertEquals("rp-1-1", store().read().lastTurn().requestId());
        } finally {
            writer.close();
        }
    }

    @Test
    void turnsFromFourThreadsAreAllCountedInFewerWrites() throws Exception {
        int perThread = 500;
        TelemetryWriter writer = new TelemetryWriter(store(), () -> null, delta -> { }, LONG);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.submit(turn(i));
                }
            }, "submitter-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        writer.close();

        assertEquals(4 * perThread, store().read().totalTurns());
        assertEquals(4 * perThread, store().read().toolTurns());
        assertTrue(writer.writes() < 4 * perThread, "no write was coalesced: " + writer.writes());
        assertEquals("", stderr.toString(UTF_8));
    }

    @Test
    void busCountersRideOnTheTurnWrites() throws Exception {
        AtomicLong published = new AtomicLong();
        TelemetryWriter writer = new TelemetryWriter(store(),
                () -> new BusDelta(published.getAndSet(0), 0, 0, WORKER, false), delta -> { }, LONG);
        for (int i = 0; i < 100; i++) {
            published.incrementAndGet();
            writer.submit(turn(i));
        }
        writer.close();

        TelemetrySnapshot snapshot = store().read();
        assertEquals(100, snapshot.totalTurns());
        assertEquals(100, snapshot.busPublished());
        assertEquals(List.of(WORKER), snapshot.workers());
    }

    @Test
    void busCountersAreFlushedAloneAfterTheIntervalWithoutTurns() throws Exception {
        AtomicLong published = new AtomicLong(7);
        TelemetryWriter writer = new TelemetryWriter(store(),
                () -> new BusDelta(published.getAndSet(0), 0, 0, WORKER, false), delta -> { }, Duration.ofMillis(50));
        try {
            await(() -> Files.exists(dir.resolve("telemetry/latest.json")), "the bus counters were never flushed");
            TelemetrySnapshot snapshot = store().read();
            assertEquals(7, snapshot.busPublished());
            assertEquals(0, snapshot.totalTurns());
        } finally {
            writer.close();
        }
    }

    @Test
    void closeWritesPendingTurnsWithTheFinalBusCountersThatRemoveTheWorker() throws Exception {
        TelemetryWriter writer = new TelemetryWriter(store(),
                () -> new BusDelta(1, 1, 0, WORKER, false), delta -> { }, LONG);
        writer.submit(turn(1));
        writer.close(() -> new BusDelta(2, 2, 1, WORKER, true));

        TelemetrySnapshot snapshot = store().read();
        assertEquals(1, snapshot.totalTurns());
        assertTrue(snapshot.busPublished() >= 2, "final counters missing");
        assertEquals(1, snapshot.busDropped());
        assertEquals(List.of(), snapshot.workers());
    }

    @Test
    void aTurnSubmittedAfterCloseIsWrittenAtOnce() throws Exception {
        TelemetryWriter writer = new TelemetryWriter(store(), () -> null, delta -> { }, LONG);
        writer.close();
        writer.close();

        writer.submit(turn(1));

        assertEquals(1, store().read().totalTurns());
    }

    @Test
    void busCountersOfAFailedWriteAreGivenBack() throws Exception {
        Path blocker = dir.resolve("telemetry");
        Files.writeString(blocker, "a file where the telemetry directory should be");
        List<BusDelta> givenBack = new ArrayList<>();
        BusDelta delta = new BusDelta(3, 3, 0, WORKER, false);
        TelemetryWriter writer = new TelemetryWriter(store(), () -> delta, given -> {
            synchronized (givenBack) {
                givenBack.add(given);
            }
        }, LONG);
        writer.submit(turn(1));
        await(() -> stderr.toString(UTF_8).contains("\"event\":\"telemetry_error\""), "the write did not fail");
        writer.close(() -> null);

        synchronized (givenBack) {
            assertEquals(List.of(delta), givenBack);
        }
    }

    @Test
    void aNonPositiveBusFlushIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryWriter(store(), () -> null, delta -> { }, Duration.ZERO));
    }
}
