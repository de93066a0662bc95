package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed Bot API call. The message is the SPEC's error text (§12.2, §12.5), free of the token.
 */
final class BotApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int NO_STATUS = 0;

    private final int httpStatus;
    private final transient Duration retryAfter;

    private BotApiException(String text, int httpStatus, Duration retryAfter) {
        super(requireNonNull(text, "text is null"));
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The request did not complete (connection, timeout, cancellation). */
    static BotApiException io(String text) {
        return new BotApiException(text, NO_STATUS, null);
    }

    /** The server answered with an error (a non-2xx status or {@code "ok":false}). */
    static BotApiException http(String text, int httpStatus, Duration retryAfter) {
        return new BotApiException(text, httpStatus, retryAfter);
    }

    /** A 2xx answer whose payload could not be used. */
    static BotApiException payload(String text, int httpStatus) {
        return new BotApiException(text, httpStatus, null);
    }

    /** Whether retrying may help: I/O failures, HTTP 429 and 5xx. */
    boolean isTransient() {
        return httpStatus == NO_STATUS || httpStatus == 429 || httpStatus >= 500;
    }

    /** Telegram's {@code parameters.retry_after} of an HTTP 429 answer. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
