package dev.rustypinch.runtime.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id. On Linux it is the target of {@code /proc/self}: {@link ProcessHandle#current()} would also set
 * up the JDK's process-reaper machinery, a few milliseconds of every cold command that writes telemetry.
 */
public final class CurrentProcess {
    private static final long PID = find();

    private CurrentProcess() {
    }

    /** The id of this process. */
    public static long pid() {
        return PID;
    }

    private static long find() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException | SecurityException e) {
            return ProcessHandle.current().pid();
        }
    }
}
