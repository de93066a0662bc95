package dev.rustypinch.runtime.channel;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.bus.BusCounters;
import dev.rustypinch.runtime.bus.MessageBus;
import dev.rustypinch.runtime.telemetry.BusDelta;
import dev.rustypinch.runtime.telemetry.CurrentProcess;
import dev.rustypinch.runtime.telemetry.WorkerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Turns a worker's bus counters into telemetry deltas (SPEC §11.3): what changed since the last flush plus this
 * worker's entry ({@code <channel>@<hostname>:<pid>}), removed at a graceful stop. Once the final delta has been
 * taken, every later delta (a turn that outlived the drain) still carries its counts but removes the entry, so a
 * stopped worker never reappears in {@code bus.workers}.
 */
final class BusTelemetry {
    private final String channel;
    private final Clock clock;
    private final long pid = CurrentProcess.pid();
    private final String workerId;
    private volatile MessageBus bus;
    private boolean stopped;

    BusTelemetry(String channel, Clock clock) {
        this.channel = requireNonNull(channel, "channel is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.workerId = channel + "@" + hostname() + ":" + pid;
    }

    void attach(MessageBus bus) {
        this.bus = requireNonNull(bus, "bus is null");
    }

    /** The counters since the last call and this worker's current entry; null before a bus is attached. */
    BusDelta takeDelta() {
        return delta(false);
    }

    /** Gives back a delta from {@link #takeDelta()} that could not be written, so the next flush counts it. */
    synchronized void restore(BusDelta unflushed) {
        MessageBus current = bus;
        if (unflushed != null && current != null) {
            current.restoreDeltas(new BusCounters(unflushed.published(), unflushed.consumed(), unflushed.dropped(), 0));
        }
    }

    /** Like {@link #takeDelta()}, removing this worker's entry. */
    BusDelta finalDelta() {
        return delta(true);
    }

    private synchronized BusDelta delta(boolean finalDelta) {
        stopped |= finalDelta;
        MessageBus current = bus;
        if (current == null) {
            return null;
        }
        BusCounters counters = current.snapshotAndResetDeltas();
        WorkerState worker = new WorkerState(workerId, channel, pid, current.depth(), Timestamps.format(clock.instant()));
        return new BusDelta(counters.published(), counters.consumed(), counters.dropped(), worker, stopped);
    }

    private static String hostname() {
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // try the next source
            }
        }
        return "localhost";
    }
}
