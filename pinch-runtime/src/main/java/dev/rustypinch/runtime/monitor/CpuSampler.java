package dev.rustypinch.runtime.monitor;

import java.util.Locale;

/**
 * CPU usage of one process between two samples (SPEC §14.3): Δprocess / Δhost × 100 × cores, clamped to
 * [0, 999], two decimals; {@code n/a} until there are two samples.
 */
final class CpuSampler {
    private long lastProcess = -1;
    private long lastTotal = -1;
    private String current = "n/a";

    /** Adds a sample and returns the usage text. */
    String sample(long processTicks, long totalTicks, int cores) {
        if (lastProcess >= 0 && totalTicks > lastTotal) {
            double percent = (double) (processTicks - lastProcess) / (totalTicks - lastTotal) * 100 * cores;
            current = String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(999, percent)));
        }
        lastProcess = processTicks;
        lastTotal = totalTicks;
        return current;
    }

    /** Forgets the baseline (the watched process changed or became unreadable). */
    void reset() {
        lastProcess = -1;
        lastTotal = -1;
        current = "n/a";
    }
}
