package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.runtime.telemetry.AgentCounts;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TelemetryWriter;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.util.function.BiConsumer;

/**
 * Records every turn (SPEC §7.1 step 4): one {@code turn} event line and a telemetry update, for failures too.
 * {@code run}, {@code repl} and {@code tools run} update the file before the turn returns; a channel worker hands the
 * record to its {@link TelemetryWriter}, which writes it behind the reply together with the bus counters (§10.2).
 */
public final class TurnRecorder {
    private final EventSink events;
    private final BiConsumer<TurnRecord, AgentCounts> telemetry;

    private TurnRecorder(EventSink events, BiConsumer<TurnRecord, AgentCounts> telemetry) {
        this.events = requireNonNull(events, "events is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    /** A recorder for commands without a bus: each turn is written to the file before the turn returns. */
    public static TurnRecorder withoutBus(EventSink events, TelemetryStore telemetry) {
        requireNonNull(telemetry, "telemetry is null");
        return new TurnRecorder(events, (turn, agent) -> telemetry.record(turn, agent, null));
    }

    /** A channel worker's recorder: each turn is queued on {@code writer} and written behind the reply. */
    public static TurnRecorder behind(EventSink events, TelemetryWriter writer) {
        requireNonNull(writer, "writer is null");
        return new TurnRecorder(events, writer::submit);
    }

    public void record(TurnRecord turn) {
        record(turn, AgentCounts.ZERO);
    }

    /** Records a turn and what its agent loop did (SPEC §18.6). */
    public void record(TurnRecord turn, AgentCounts agent) {
        events.emit("turn", turn.toSortedMap());
        telemetry.accept(turn, agent);
    }
}
