package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed provider call, classified (SPEC §8.3–§8.4). The message is the detail the runtime prints
 * after {@code transient error: } or {@code permanent error: }, e.g.
 * {@code http_status=503; provider_error=upstream overloaded}. It must never contain a secret.
 * The runtime retries only {@link Kind#TRANSIENT} failures, waiting at least {@link #retryAfter()}.
 */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether retrying may help. */
    public enum Kind {
        TRANSIENT,
        PERMANENT
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public ProviderException(Kind kind, String detail, Duration retryAfter, Throwable cause) {
        super(requireNonNull(detail, "detail is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.retryAfter = retryAfter;
    }

    /** A failure that may pass when retried. */
    public static ProviderException transientFailure(String detail) {
        return new ProviderException(Kind.TRANSIENT, detail, null, null);
    }

    /** A failure that will not pass when retried. */
    public static ProviderException permanentFailure(String detail) {
        return new ProviderException(Kind.PERMANENT, detail, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's {@code Retry-After}, when it sent a valid one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
