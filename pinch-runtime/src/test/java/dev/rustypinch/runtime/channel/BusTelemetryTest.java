package dev.rustypinch.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.runtime.bus.MessageBus;
import dev.rustypinch.runtime.bus.OverflowPolicy;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TelemetryWriter;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's bus counters reach the telemetry file even when one flush of its telemetry writer fails (SPEC §11.3). */
class BusTelemetryTest {
    @TempDir
    Path dir;

    @Test
    void countsOfAFailedFlushAreWrittenByTheNextOne() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EventWriter events = new EventWriter(new PrintStream(err, true, StandardCharsets.UTF_8));
        Path blocker = dir.resolve("telemetry");
        Files.writeString(blocker, "a file where the telemetry directory should be");
        TelemetryStore store = new TelemetryStore(blocker.resolve("latest.json"), events, Clock.systemUTC());
        BusTelemetry busTelemetry = new BusTelemetry("telegram", Clock.systemUTC());
        try (MessageBus bus = new MessageBus(10, OverflowPolicy.DROP_OLDEST, 1, Duration.ZERO, events, message -> { })) {
            busTelemetry.attach(bus);
            bus.publish(new InboundMessage("telegram", "1", "1", "hello", Optional.empty()), outcome -> { });
            assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));

            TelemetryWriter writer = new TelemetryWriter(store, busTelemetry::takeDelta, busTelemetry::restore, Duration.ofMillis(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!err.toString(StandardCharsets.UTF_8).contains("\"event\":\"telemetry_error\"") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("\"event\":\"telemetry_error\""), "the first flush did not fail");
            Files.delete(blocker);
            writer.close(busTelemetry::finalDelta);
        }

        JsonNode bus = new ObjectMapper().readTree(blocker.resolve("latest.json").toFile()).get("bus");
        assertEquals(1, bus.get("published").asLong());
        assertEquals(1, bus.get("consumed").asLong());
    }

    @Test
    void aTurnRecordedAfterTheFinalDeltaKeepsItsCountsButNeverRegistersTheWorkerAgain() throws Exception {
        EventWriter events = new EventWriter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path file = dir.resolve("telemetry/latest.json");
        TelemetryStore store = new TelemetryStore(file, events, Clock.systemUTC());
        BusTelemetry busTelemetry = new BusTelemetry("telegram", Clock.systemUTC());
        try (MessageBus bus = new MessageBus(10, OverflowPolicy.DROP_OLDEST, 1, Duration.ZERO, events, message -> { })) {
            busTelemetry.attach(bus);
            store.flushBus(busTelemetry.takeDelta());
            assertEquals(1, new ObjectMapper().readTree(file.toFile()).get("bus").get("workers").size());

            store.flushBus(busTelemetry.finalDelta());
            assertEquals(0, new ObjectMapper().readTree(file.toFile()).get("bus").get("workers").size());

            bus.publish(new InboundMessage("telegram", "1", "1", "late", Optional.empty()), outcome -> { });
            assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
            TurnRecord late = new TurnRecord("2026-02-20T10:11:12.125+00:00", "rp-1-1", "telegram:1", "provider", "ok", "local",
                    "test-model", null, 0L, 0L, 4, 60, null);
            store.record(late, busTelemetry.takeDelta());
            store.flushBus(busTelemetry.takeDelta());
        }

        JsonNode bus = new ObjectMapper().readTree(file.toFile()).get("bus");
        assertEquals(0, bus.get("workers").size(), bus::toString);
        assertEquals(1, bus.get("published").asLong());
        assertEquals(1, bus.get("consumed").asLong());
    }
}
