package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationTest {
    @ParameterizedTest
    @ValueSource(ints = {408, 409, 425, 429, 500, 502, 503, 504, 599})
    void retryableStatusesAreTransient(int status) {
        assertEquals(Kind.TRANSIENT, Classification.ofStatus(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 400, 401, 403, 404, 410, 422, 600})
    void otherStatusesArePermanent(int status) {
        assertEquals(Kind.PERMANENT, Classification.ofStatus(status));
    }

    @Test
    void statusDetailWithoutProviderErrorIsOnlyTheStatus() {
        ProviderException failure = Classification.httpStatus(500, Optional.empty(), Optional.empty());
        assertEquals("http_status=500", failure.getMessage());
    }

    @Test
    void statusDetailNamesTheProviderError() {
        ProviderException failure = Classification.httpStatus(503, Optional.of("upstream overloaded"), Optional.empty());
        assertEquals("http_status=503; provider_error=upstream overloaded", failure.getMessage());
    }

    @Test
    void permanentStatusDropsRetryAfter() {
        ProviderException failure = Classification.httpStatus(400, Optional.empty(), Optional.of(Duration.ofSeconds(5)));
        assertEquals(Optional.empty(), failure.retryAfter());
    }

    @Test
    void transientStatusKeepsRetryAfter() {
        ProviderException failure = Classification.httpStatus(429, Optional.empty(), Optional.of(Duration.ofSeconds(5)));
        assertEquals(Optional.of(Duration.ofSeconds(5)), failure.retryAfter());
    }

    @Test
    void ioFailureNamesClassAndMessage() {
        ProviderException failure = Classification.io(new SocketTimeoutException("Read timed out"));
        assertEquals(Kind.TRANSIENT, failure.kind());
        assertEquals("io_error=SocketTimeoutException: Read timed out", failure.getMessage());
    }

    @Test
    void ioFailureWithoutMessageNamesOnlyTheClass() {
        assertEquals("io_error=UnknownHostException", Classification.io(new UnknownHostException()).getMessage());
    }

    @Test
    void ioFailureWithBlankMessageNamesOnlyTheClass() {
        assertEquals("io_error=IOException", Classification.io(new IOException(" ")).getMessage());
    }
}
