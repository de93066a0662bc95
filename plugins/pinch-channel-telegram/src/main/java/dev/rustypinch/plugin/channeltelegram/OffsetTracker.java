package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The two update positions of SPEC §12.4. The <em>poll cursor</em> is 1 + the highest update id
 * received, so updates in flight are not fetched again. The <em>committed offset</em> is 1 + the
 * highest update id such that every update received up to it is finished (skipped, dropped or
 * processed); each change is stored in the {@link OffsetFile}. Thread safe.
 *
 * <p>The file is written outside the tracker's lock, so the poller and other workers never wait for the disk; writes
 * are ordered by a second lock, and a write that finds a newer offset already stored is skipped (the newest committed
 * offset is always the one on disk).
 */
final class OffsetTracker {
    private final OffsetFile file;
    private final long initialOffset;
    /** Received updates not yet covered by the committed offset: id → finished. */
    private final TreeMap<Long, Boolean> pending = new TreeMap<>();
    private final Object storeLock = new Object();
    private long pollCursor;
    private long committed;
    private long stored;

    OffsetTracker(OffsetFile file, long initialOffset) {
        this.file = requireNonNull(file, "file is null");
        this.initialOffset = initialOffset;
        this.pollCursor = initialOffset;
        this.committed = initialOffset;
        this.stored = initialOffset;
    }

    /** The offset to ask the next {@code getUpdates} for. */
    synchronized long pollCursor() {
        return pollCursor;
    }

    /** The committed offset. */
    synchronized long committed() {
        return committed;
    }

    /** Whether the committed offset moved in this run (so there is something to acknowledge). */
    synchronized boolean committedInThisRun() {
        return committed != initialOffset;
    }

    /**
     * Records an update as received and not finished, moving the poll cursor past it.
     *
     * @return false when the update was received before (its id is below the poll cursor): ignore it
     */
    synchronized boolean receive(long updateId) {
        if (updateId < pollCursor) {
            return false;
        }
        pending.put(updateId, Boolean.FALSE);
        pollCursor = updateId + 1;
        return true;
    }

    /** Marks a received update finished and commits (and stores) every finished prefix. */
    void finish(long updateId) {
        long advanced = advance(updateId);
        if (advanced < 0) {
            return;
        }
        synchronized (storeLock) {
            if (advanced > stored) {
                file.store(advanced);
                stored = advanced;
            }
        }
    }

    /** The new committed offset, or -1 when it did not move. */
    private synchronized long advance(long updateId) {
        if (!pending.containsKey(updateId)) {
            return -1;
        }
        pending.put(updateId, Boolean.TRUE);
        long advanced = committed;
        while (!pending.isEmpty() && pending.firstEntry().getValue()) {
            Map.Entry<Long, Boolean> first = pending.pollFirstEntry();
            advanced = first.getKey() + 1;
        }
        if (advanced == committed) {
            return -1;
        }
        committed = advanced;
        return advanced;
    }
}
