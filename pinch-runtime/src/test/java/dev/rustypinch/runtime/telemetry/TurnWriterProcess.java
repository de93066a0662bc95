package dev.rustypinch.runtime.telemetry;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child process for {@link MultiProcessStorageTest}: records {@code <count>} turns in session
 * {@code shared}, each a session append then a telemetry update with one published and consumed bus message.
 * Mode {@value #BEFORE}: each update written before the next turn, as {@code run} does; mode {@value #BEHIND}: queued
 * on a {@link TelemetryWriter} with the bus counters, as a channel worker does, and closed (final flush, which
 * removes the worker entry) at the end. Arguments: {@code <data dir> <tag> <count> <mode>}.
 */
public final class TurnWriterProcess {
    static final String BEFORE = "before";
    static final String BEHIND = "behind";

    private TurnWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String tag = args[1];
        int count = Integer.parseInt(args[2]);
        boolean behind = BEHIND.equals(args[3]);
        Clock clock = Clock.systemUTC();
        SessionStore sessions = new SessionStore(dataDir);
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry/latest.json"),
                new EventWriter(System.err), clock);
        WorkerState worker = new WorkerState("test@host:" + tag, "test", ProcessHandle.current().pid(), 0, Timestamps.format(clock.instant()));
        AtomicLong unflushedMessages = new AtomicLong();
        TelemetryWriter writer = !behind ? null : new TelemetryWriter(telemetry, () -> busDelta(unflushedMessages, worker, false),
                delta -> unflushedMessages.addAndGet(delta.published()), Duration.ofSeconds(30));
        for (int i = 0; i < count; i++) {
            String now = Timestamps.format(clock.instant());
            sessions.appendTurn("shared", new SessionEntry("user", "u-" + tag + "-" + i, now),
                    new SessionEntry("assistant", "a-" + tag + "-" + i, now));
            TurnRecord turn = new TurnRecord(now, "rp-" + tag + "-" + i, "shared", "provider", "ok", "local", "m",
                    null, 1L, 0L, 1, 1, null);
            if (behind) {
                unflushedMessages.incrementAndGet();
                writer.submit(turn);
            } else {
                telemetry.record(turn, new BusDelta(1, 1, 0, null, false));
            }
        }
        if (writer != null) {
            writer.close(() -> busDelta(unflushedMessages, worker, true));
        }
    }

    /** The messages not yet flushed, each published and consumed, with this worker's entry. */
    private static BusDelta busDelta(AtomicLong unflushedMessages, WorkerState worker, boolean remove) {
        long messages = unflushedMessages.getAndSet(0);
        return new BusDelta(messages, messages, 0, worker, remove);
    }
}
