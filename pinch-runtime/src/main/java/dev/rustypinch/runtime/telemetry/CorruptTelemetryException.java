package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

/**
 * The telemetry file cannot be used (SPEC §10.3): not JSON, not an object, a field missing or
 * mistyped, or not readable at all. {@link #reason()} says which, e.g.
 * {@code field 'total_turns' is missing}.
 */
public final class CorruptTelemetryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public CorruptTelemetryException(String reason) {
        super(requireNonNull(reason, "reason is null"));
        this.reason = reason;
    }

    /** Why the file cannot be used. */
    public String reason() {
        return reason;
    }
}
