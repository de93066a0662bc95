package dev.rustypinch.runtime.monitor;

import java.util.Locale;

/** Byte counts for the monitor screen (SPEC §14.3): {@code <n> B} below 1024, else two decimals with a binary unit. */
final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }

    /** A value that may be unreadable: {@code n/a} when null. */
    static String format(Long bytes) {
        return bytes == null ? "n/a" : format(bytes.longValue());
    }
}
