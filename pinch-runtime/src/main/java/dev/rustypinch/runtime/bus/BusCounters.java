package dev.rustypinch.runtime.bus;

/**
 * Message bus activity (SPEC §11.3): either totals or the change since the last flush, plus the
 * current queue length.
 *
 * @param published messages enqueued
 * @param consumed  messages taken by a worker
 * @param dropped   messages dropped on overflow
 * @param depth     messages queued now, not counting running ones
 */
public record BusCounters(long published, long consumed, long dropped, int depth) {
    public BusCounters {
        if (published < 0 || consumed < 0 || dropped < 0 || depth < 0) {
            throw new IllegalArgumentException("bus counters must not be negative: published=" + published
                    + " consumed=" + consumed + " dropped=" + dropped + " depth=" + depth);
        }
    }
}
