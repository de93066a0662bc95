package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a channel worker's telemetry behind its turns (SPEC §10.2, Java only; §11.3). A turn hands its record over
 * and goes on to its reply; one named thread does the locked read-merge-write of {@link TelemetryStore}. Turns that
 * finish while a write is running are coalesced into the next one, so under load one write serves many turns:
 * totals stay exact across processes, only fewer files are written. The bus counters ride on the same writes, and
 * when no turn was written for {@code busFlushInterval} the thread writes them alone.
 *
 * <p>Timing: an idle writer starts a write as soon as a turn arrives; after a write it waits {@link #MIN_SPACING}
 * before the next one (the coalescing window), so a turn's counts reach the file within that window plus two write
 * times, well under 100 ms unless another process holds the lock that long. {@link #close} writes everything still
 * pending, so a graceful stop loses nothing; a {@code kill -9} loses at most the counts not yet written.
 *
 * <p>A failed write emits {@code telemetry_error} (as {@link TelemetryStore} does); its turns are not counted,
 * exactly as a failed synchronous update, and its bus counters are given back to be written next time. Thread safe.
 */
public final class TelemetryWriter implements AutoCloseable {
    /** The shortest time between the starts of two writes: the window in which turns are coalesced. */
    public static final Duration MIN_SPACING = Duration.ofMillis(20);

    private final TelemetryStore store;
    private final Supplier<BusDelta> busDeltas;
    private final Consumer<BusDelta> unflushed;
    private final long busFlushIntervalNanos;
    private final Object lock = new Object();
    private final Thread thread;
    private List<CountedTurn> pending = new ArrayList<>();
    private boolean closing;
    private boolean closed;
    private long writes;

    /**
     * Starts the writer thread.
     *
     * @param store            the telemetry file
     * @param busDeltas        the bus counters to write with each update (a supplier of null when there is no bus)
     * @param unflushed        takes back bus counters a failed update did not write
     * @param busFlushInterval the longest time the bus counters wait when no turn is written (SPEC §11.3: 30 s)
     */
    public TelemetryWriter(TelemetryStore store, Supplier<BusDelta> busDeltas, Consumer<BusDelta> unflushed,
                           Duration busFlushInterval) {
        this.store = requireNonNull(store, "store is null");
        this.busDeltas = requireNonNull(busDeltas, "busDeltas is null");
        this.unflushed = requireNonNull(unflushed, "unflushed is null");
        requireNonNull(busFlushInterval, "busFlushInterval is null");
        if (busFlushInterval.isNegative() || busFlushInterval.isZero()) {
            throw new IllegalArgumentException("busFlushInterval must be positive");
        }
        this.busFlushIntervalNanos = busFlushInterval.toNanos();
        this.thread = new Thread(this::writeLoop, "telemetry-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a turn for the next write; returns at once. After {@link #close} the turn is written synchronously. */
    public void submit(TurnRecord turn) {
        submit(turn, AgentCounts.ZERO);
    }

    /** As {@link #submit(TurnRecord)}, with the turn's agent-mode counts (SPEC §18.6). */
    public void submit(TurnRecord turn, AgentCounts agent) {
        CountedTurn counted = new CountedTurn(turn, agent);
        synchronized (lock) {
            if (!closed) {
                pending.add(counted);
                lock.notifyAll();
                return;
            }
        }
        store.record(turn, agent, null);
    }

    /** How many updates (turns, bus counters or both) this writer has written so far. */
    public long writes() {
        synchronized (lock) {
            return writes;
        }
    }

    /** Writes what is pending with the current bus counters, then stops. Same as {@code close(busDeltas)}. */
    @Override
    public void close() {
        close(busDeltas);
    }

    /**
     * Stops the thread after its current write and writes every turn still pending in one update together with the
     * bus counters {@code finalBus} supplies (a worker's final flush, which removes its entry). Idempotent: later
     * calls do nothing.
     */
    public void close(Supplier<BusDelta> finalBus) {
        requireNonNull(finalBus, "finalBus is null");
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<CountedTurn> last;
        synchronized (lock) {
            closed = true;
            last = takePending();
        }
        write(last, finalBus.get());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        long lastStart = System.nanoTime() - MIN_SPACING.toNanos();
        while (true) {
            List<CountedTurn> batch;
            synchronized (lock) {
                if (!awaitWork(lastStart)) {
                    return;
                }
                batch = takePending();
            }
            lastStart = System.nanoTime();
            write(batch, busDeltas.get());
        }
    }

    /**
     * Waits (holding the lock) until the spacing after the last write has passed and there is a turn to write or the
     * bus flush is due.
     *
     * @return false when closing
     */
    private boolean awaitWork(long lastStart) {
        long spacingEnd = lastStart + MIN_SPACING.toNanos();
        long busDue = lastStart + busFlushIntervalNanos;
        while (!closing) {
            long now = System.nanoTime();
            long wakeAt = pending.isEmpty() ? busDue : spacingEnd;
            if (now - wakeAt >= 0) {
                return true;
            }
            try {
                long waitNanos = wakeAt - now;
                lock.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                // only close() ends the writer
            }
        }
        return false;
    }

    private List<CountedTurn> takePending() {
        List<CountedTurn> batch = pending;
        pending = new ArrayList<>();
        return batch;
    }

    private void write(List<CountedTurn> turns, BusDelta bus) {
        if (turns.isEmpty() && bus == null) {
            return;
        }
        if (!store.recordAll(turns, bus) && bus != null) {
            unflushed.accept(bus);
        }
        synchronized (lock) {
            writes++;
        }
    }
}
