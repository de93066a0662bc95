package dev.rustypinch.runtime.telemetry;

/**
 * What a worker process's bus did since its last flush (SPEC §11.3), merged into the telemetry
 * file: the counts are added to the {@code bus} totals, and {@code worker} replaces the entry with
 * the same id, or removes it when {@code removeWorker} (a graceful stop).
 *
 * @param published    messages enqueued since the last flush
 * @param consumed     messages taken by a worker since the last flush
 * @param dropped      messages dropped since the last flush
 * @param worker       this process's entry, or {@code null} to leave the entries alone
 * @param removeWorker remove {@code worker}'s entry instead of replacing it
 */
public record BusDelta(long published, long consumed, long dropped, WorkerState worker, boolean removeWorker) {
    public BusDelta {
        if (published < 0 || consumed < 0 || dropped < 0) {
            throw new IllegalArgumentException("bus counts must not be negative");
        }
        if (removeWorker && worker == null) {
            throw new IllegalArgumentException("removeWorker needs the worker to remove");
        }
    }
}
