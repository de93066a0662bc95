package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.runtime.telemetry.AgentCounts;
import dev.rustypinch.runtime.telemetry.BusDelta;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records every turn (SPEC §7.1 step 4): one {@code turn} event line and a telemetry update, for failures too.
 * A channel worker passes the bus counters to flush with each record.
 */
public final class TurnRecorder {
    private final EventSink events;
    private final TelemetryStore telemetry;
    private final Supplier<BusDelta> busDeltas;
    private final Consumer<BusDelta> unflushed;

    /**
     * @param busDeltas supplies the bus counters to write with each record (null when none)
     * @param unflushed takes back counters a failed record did not write
     */
    public TurnRecorder(EventSink events, TelemetryStore telemetry, Supplier<BusDelta> busDeltas, Consumer<BusDelta> unflushed) {
        this.events = requireNonNull(events, "events is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.busDeltas = requireNonNull(busDeltas, "busDeltas is null");
        this.unflushed = requireNonNull(unflushed, "unflushed is null");
    }

    /** A recorder for commands without a bus. */
    public static TurnRecorder withoutBus(EventSink events, TelemetryStore telemetry) {
        return new TurnRecorder(events, telemetry, () -> null, delta -> { });
    }

    public void record(TurnRecord turn) {
        record(turn, AgentCounts.ZERO);
    }

    /** Records a turn and what its agent loop did (SPEC §18.6). */
    public void record(TurnRecord turn, AgentCounts agent) {
        events.emit("turn", turn.toSortedMap());
        BusDelta bus = busDeltas.get();
        if (!telemetry.record(turn, agent, bus) && bus != null) {
            unflushed.accept(bus);
        }
    }
}
