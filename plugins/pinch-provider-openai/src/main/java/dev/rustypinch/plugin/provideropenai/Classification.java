package dev.rustypinch.plugin.provideropenai;

import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Turns HTTP statuses and I/O failures into classified {@link ProviderException}s (SPEC §8.4). */
final class Classification {
    private Classification() {
    }

    /** 408, 409, 425, 429 and 5xx may pass when retried; every other status will not. */
    static Kind ofStatus(int status) {
        boolean retryable = status == 408 || status == 409 || status == 425 || status == 429
                || (status >= 500 && status <= 599);
        return retryable ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    /**
     * A non-2xx response: {@code http_status=<n>}, plus {@code ; provider_error=<msg>} when the body
     * named one. The retry-after is kept only for a transient status.
     */
    static ProviderException httpStatus(int status, Optional<String> providerError, Optional<Duration> retryAfter) {
        Kind kind = ofStatus(status);
        String detail = "http_status=" + status + providerError.map(message -> "; provider_error=" + message).orElse("");
        return new ProviderException(kind, detail, kind == Kind.TRANSIENT ? retryAfter.orElse(null) : null, null);
    }

    /**
     * A transport failure (timeout, DNS, refused or reset connection, TLS, other I/O): always transient,
     * {@code io_error=<SimpleClassName>: <message>}, or only the class name without a message.
     */
    static ProviderException io(IOException failure) {
        String name = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        String detail = "io_error=" + (message == null || message.isBlank() ? name : name + ": " + message);
        return new ProviderException(Kind.TRANSIENT, detail, null, failure);
    }
}
