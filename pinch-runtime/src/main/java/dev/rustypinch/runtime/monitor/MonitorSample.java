package dev.rustypinch.runtime.monitor;

import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;

/**
 * Everything one monitor screen shows; null fields are unreadable and render as {@code n/a} (or the SPEC's
 * replacement lines).
 *
 * @param epochSeconds  the time of the sample
 * @param telemetry     the telemetry file's content, or null when it could not be read
 * @param liveDepth     the bus depth of workers updated in the last 90 s
 * @param process       the watched process, or null
 * @param processStatus the single {@code process: …} line shown instead of the process block, or null
 * @param host          host metrics
 * @param storage       storage metrics
 */
record MonitorSample(long epochSeconds, TelemetrySnapshot telemetry, long liveDepth, ProcessMetrics process,
                     String processStatus, HostMetrics host, StorageMetrics storage) {

    record ProcessMetrics(long pid, String commandLine, String cpu, Long rss, Long vms, Long readBytes, Long writeBytes,
                          Long fdCount) {
    }

    record HostMetrics(String[] loadAverage, Integer cores, ProcFs.Memory memory) {
    }

    record StorageMetrics(long dataBytes, long workspaceBytes, StorageProbe.FileSystemUsage fileSystem) {
    }
}
