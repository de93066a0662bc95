package dev.rustypinch.runtime.telemetry;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for {@link MultiProcessStorageTest}: records {@code <count>} turns in session
 * {@code shared}, each a session append then a telemetry update, like a channel worker.
 * Arguments: {@code <data dir> <tag> <count>}.
 */
public final class TurnWriterProcess {
    private TurnWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        Clock clock = Clock.systemUTC();
        SessionStore sessions = new SessionStore(dataDir);
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry/latest.json"),
                new EventWriter(System.err), clock);
        for (int i = 0; i < count; i++) {
            String now = Timestamps.format(clock.instant());
            sessions.appendTurn("shared", new SessionEntry("user", "u-" + tag + "-" + i, now),
                    new SessionEntry("assistant", "a-" + tag + "-" + i, now));
            telemetry.record(new TurnRecord(now, "rp-" + tag + "-" + i, "shared", "provider", "ok", "local", "m",
                    null, 1L, 0L, 1, 1, null), new BusDelta(1, 1, 0, null, false));
        }
    }
}
