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
}
