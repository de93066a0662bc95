package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.runtime.telemetry.BusDelta;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.util.function.Supplier;

/**
 * Records every turn (SPEC §7.1 step 4): one {@code turn} event line and a telemetry update, for failures too.
 * A channel worker passes the bus counters to flush with each record.
 */
public final class TurnRecorder {
    private final EventSink events;
    private final TelemetryStore telemetry;
    private final Supplier<BusDelta> busDeltas;

    public TurnRecorder(EventSink events, TelemetryStore telemetry, Supplier<BusDelta> busDeltas) {
        this.events = requireNonNull(events, "events is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.busDeltas = requireNonNull(busDeltas, "busDeltas is null");
    }

    /** A recorder for commands without a bus. */
    public static TurnRecorder withoutBus(EventSink events, TelemetryStore telemetry) {
        return new TurnRecorder(events, telemetry, () -> null);
    }

    public void record(TurnRecord turn) {
        events.emit("turn", turn.toSortedMap());
        telemetry.record(turn, busDeltas.get());
    }
}
