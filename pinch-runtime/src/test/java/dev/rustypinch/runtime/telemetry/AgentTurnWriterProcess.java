package dev.rustypinch.runtime.telemetry;

import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.event.EventWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link AgentCountsMergeTest}: records {@code <count>} agent-mode turns, each with 2 model calls,
 * 3 tool calls and 1 tool error, like a worker in agent mode. Arguments: {@code <telemetry file> <tag> <count>}.
 */
public final class AgentTurnWriterProcess {
    private AgentTurnWriterProcess() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        Clock clock = Clock.systemUTC();
        TelemetryStore telemetry = new TelemetryStore(file, new EventWriter(System.err), clock);
        for (int i = 0; i < count; i++) {
            String now = Timestamps.format(clock.instant());
            telemetry.record(new TurnRecord(now, "rp-" + tag + "-" + i, "s", "provider", "ok", "openai", "m",
                    null, 2L, 0L, 1, 1, null), new AgentCounts(2, 3, 1), null);
        }
    }
}
