package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The update positions of SPEC §12.4 and §22. The <em>committed offset</em> is the finished watermark: 1 + the
 * highest update id such that every update known up to it is finished (skipped, dropped or processed). Updates known
 * above it are those received in this run, those the runtime queues again from its inbox journal
 * ({@link #resume}) and the finished ones stored with the offset. The <em>poll cursor</em> — the offset of the next
 * {@code getUpdates}, which confirms every update below it to Telegram — moves past an update once it is safe: finished,
 * or published to the runtime, which journals it before it enters the bus. Each change of the committed offset or of
 * the finished updates above it is stored in the {@link OffsetFile}. Thread safe.
 *
 * <p>The file is written outside the tracker's lock, so receiving never waits for the disk; writes are ordered by a
 * second lock, and each write stores the newest state, so a change already covered by a later write is not written
 * again (the newest state is always the one on disk).
 */
final class OffsetTracker {
    /** Finished update ids above the watermark kept in the file; Telegram only ever redelivers its last page (100). */
    static final int STORED_FINISHED_LIMIT = 1000;

    private final OffsetFile file;
    private final long initialOffset;
    /** Known updates not covered by the committed offset: id → finished. */
    private final TreeMap<Long, Boolean> pending = new TreeMap<>();
    private final Object storeLock = new Object();
    private long pollCursor;
    private long committed;
    private long version;
    private long storedVersion;

    OffsetTracker(OffsetFile file, StoredOffset stored) {
        this.file = requireNonNull(file, "file is null");
        requireNonNull(stored, "stored is null");
        this.initialOffset = stored.offset();
        this.pollCursor = stored.offset();
        this.committed = stored.offset();
        stored.finished().forEach(id -> pending.put(id, Boolean.TRUE));
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
     * Records an update as received and not finished, moving the poll cursor past it: the caller publishes it (or
     * finishes it as skipped) before the next poll, and stops polling if the runtime refuses it.
     *
     * @return false when the update is known already (finished, in flight, or queued again from the journal): ignore
     *         it
     */
    synchronized boolean receive(long updateId) {
        pollCursor = Math.max(pollCursor, updateId + 1);
        if (updateId < committed || pending.containsKey(updateId)) {
            return false;
        }
        pending.put(updateId, Boolean.FALSE);
        return true;
    }

    /** Records an update the runtime queues again from its inbox journal: not finished, and not to be received again. */
    synchronized void resume(long updateId) {
        if (updateId >= committed) {
            pending.putIfAbsent(updateId, Boolean.FALSE);
        }
    }

    /**
     * Marks a known update finished, commits every finished prefix and stores the new state. When it returns, the
     * file holds this change: written by this call, or by a concurrent one that stored a newer state meanwhile (so
     * workers finishing together share one write instead of queueing one each).
     */
    void finish(long updateId) {
        long changed;
        synchronized (this) {
            if (!Boolean.FALSE.equals(pending.get(updateId))) {
                return;
            }
            pending.put(updateId, Boolean.TRUE);
            while (!pending.isEmpty() && pending.firstEntry().getValue()) {
                committed = pending.pollFirstEntry().getKey() + 1;
            }
            changed = ++version;
        }
        synchronized (storeLock) {
            if (changed <= storedVersion) {
                return;
            }
            StoredOffset latest;
            long latestVersion;
            synchronized (this) {
                latest = new StoredOffset(committed, finishedAbove());
                latestVersion = version;
            }
            file.store(latest);
            storedVersion = latestVersion;
        }
    }

    /** Under the lock: the highest finished ids above the watermark, ascending, at most the stored limit. */
    private List<Long> finishedAbove() {
        List<Long> finished = new ArrayList<>();
        for (Map.Entry<Long, Boolean> entry : pending.descendingMap().entrySet()) {
            if (finished.size() == STORED_FINISHED_LIMIT) {
                break;
            }
            if (entry.getValue()) {
                finished.add(entry.getKey());
            }
        }
        Collections.reverse(finished);
        return finished;
    }
}
