package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Finds the worker to watch (SPEC §14.2): the lowest pid whose command line contains the pattern, skipping this
 * process and any process whose arguments include {@code monitor}.
 */
final class ProcessFinder {
    private final ProcFs proc;
    private final long selfPid;

    ProcessFinder(ProcFs proc, long selfPid) {
        this.proc = requireNonNull(proc, "proc is null");
        this.selfPid = selfPid;
    }

    /** A found process: its pid and command line. */
    record Found(long pid, String commandLine) {
    }

    Optional<Found> find(String pattern) {
        for (long pid : proc.pids()) {
            if (pid == selfPid) {
                continue;
            }
            Optional<String> commandLine = proc.commandLine(pid);
            if (commandLine.isEmpty() || isMonitor(commandLine.get()) || !commandLine.get().contains(pattern)) {
                continue;
            }
            return Optional.of(new Found(pid, commandLine.get()));
        }
        return Optional.empty();
    }

    private static boolean isMonitor(String commandLine) {
        for (String argument : commandLine.split(" ")) {
            if (argument.equals("monitor")) {
                return true;
            }
        }
        return false;
    }
}
