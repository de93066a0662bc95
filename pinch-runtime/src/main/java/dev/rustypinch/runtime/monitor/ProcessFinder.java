package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Finds the worker to watch (SPEC §14.2): among the processes whose command line contains the pattern, skipping this
 * process and any process whose arguments include {@code monitor}, a Java process ({@code argv[0]}'s base name
 * {@code java}) wins over any other (a shell or {@code timeout} wrapper whose command line mentions the launcher),
 * then the lowest pid.
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
        Found firstOther = null;
        for (long pid : proc.pids()) {
            if (pid == selfPid) {
                continue;
            }
            Optional<List<String>> arguments = proc.arguments(pid);
            if (arguments.isEmpty() || arguments.get().contains("monitor")) {
                continue;
            }
            String commandLine = String.join(" ", arguments.get());
            if (!commandLine.contains(pattern)) {
                continue;
            }
            if (isJava(arguments.get())) {
                return Optional.of(new Found(pid, commandLine));
            }
            if (firstOther == null) {
                firstOther = new Found(pid, commandLine);
            }
        }
        return Optional.ofNullable(firstOther);
    }

    private static boolean isJava(List<String> arguments) {
        if (arguments.isEmpty()) {
            return false;
        }
        String program = arguments.get(0);
        return program.substring(program.lastIndexOf('/') + 1).equals("java");
    }
}
