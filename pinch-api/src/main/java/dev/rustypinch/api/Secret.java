package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A secret value (API key, bot token). {@link #toString()} never shows it; only {@link #reveal()}
 * does, and callers must put the result only where the protocol needs it (an HTTP header, a URL
 * path), never in a log line, an exception message or an event.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
