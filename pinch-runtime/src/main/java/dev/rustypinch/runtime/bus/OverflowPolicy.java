package dev.rustypinch.runtime.bus;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.Locale;

/** What the message bus does when it is full (SPEC §11.2, {@code RUSTY_PINCH_BUS_OVERFLOW}). */
public enum OverflowPolicy {
    /** Remove the oldest not-yet-started message and enqueue the new one. */
    DROP_OLDEST,
    /** Reject the new message. */
    DROP_NEWEST,
    /** Wait up to 5 s for space, then reject like {@link #DROP_NEWEST}. */
    BLOCK;

    /** The value as written in the environment and shown by doctor, e.g. {@code drop_oldest}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a raw value: trimmed, lowercased; unknown or absent values give {@link #DROP_OLDEST}. */
    public static OverflowPolicy parse(String raw) {
        if (raw == null) {
            return DROP_OLDEST;
        }
        String value = UnicodeWhitespace.trim(raw).toLowerCase(Locale.ROOT);
        for (OverflowPolicy policy : values()) {
            if (policy.configValue().equals(value)) {
                return policy;
            }
        }
        return DROP_OLDEST;
    }
}
