package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final List<Long> sleeps = new ArrayList<>();
    private static final ChatRequest REQUEST = new ChatRequest("m", List.of(new ChatMessage("user", "hi")), 0.2);

    private RetryPolicy policy(long retries, long backoff, long maxBackoff, long timeoutSecs) {
        return new RetryPolicy(retries, backoff, maxBackoff, timeoutSecs, sleeps::add);
    }

    private static ChatProvider scripted(Object... outcomes) {
        Deque<Object> queue = new ArrayDeque<>(List.of(outcomes));
        return request -> {
            Object next = queue.removeFirst();
            if (next instanceof ProviderException e) {
                throw e;
            }
            return new ChatResponse((String) next);
        };
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        assertEquals(1200, policy(2, 500, 1200, 60).backoffMillis(4));
    }

    @Test
    void defaultBackoffIsSixHundredThenTwelveHundred() {
        RetryPolicy policy = policy(2, 600, 4000, 60);
        assertEquals(600, policy.backoffMillis(0));
        assertEquals(1200, policy.backoffMillis(1));
        assertEquals(4000, policy.backoffMillis(5));
    }

    @Test
    void zeroBackoffCountsAsOneAndHugeValuesSaturate() {
        assertEquals(1, policy(2, 0, 0, 60).backoffMillis(0));
        assertEquals(Long.MAX_VALUE, policy(2, Long.MAX_VALUE, Long.MAX_VALUE, 60).backoffMillis(12));
        assertEquals(4096, policy(2, 1, Long.MAX_VALUE, 60).backoffMillis(40));
    }

    @Test
    void retryAfterIsHonouredAndCapped() {
        RetryPolicy policy = policy(2, 600, 4000, 60);
        assertEquals(3000, policy.waitMillis(0, Duration.ofSeconds(3)));
        assertEquals(32000, policy.waitMillis(0, Duration.ofSeconds(3600)));
        assertEquals(600, policy.waitMillis(0, Duration.ofMillis(10)));
        assertEquals(5000, policy(2, 600, 4000, 5).waitMillis(0, Duration.ofSeconds(3600)));
        assertEquals(32000, policy(2, 600, 4000, 0).waitMillis(0, Duration.ofSeconds(3600)));
    }

    @Test
    void transientFailuresAreRetriedUntilSuccess() throws Exception {
        RetryPolicy.Success success = policy(2, 600, 4000, 60).call(scripted(
                ProviderException.transientFailure("http_status=503"), "hello"), REQUEST);
        assertEquals("hello", success.response().content());
        assertEquals(2, success.attempts());
        assertEquals(List.of(600L), sleeps);
    }

    @Test
    void givingUpNamesTheAttemptAndTheClassifiedError() {
        ProviderException failure = ProviderException.transientFailure("http_status=503; provider_error=upstream overloaded");
        RetryPolicy.Failure error = assertThrows(RetryPolicy.Failure.class,
                () -> policy(2, 600, 4000, 60).call(scripted(failure, failure, failure), REQUEST));
        assertEquals("provider call failed on attempt 3/3: transient error: http_status=503; provider_error=upstream overloaded",
                error.getMessage());
        assertEquals(3, error.attempts());
        assertEquals(List.of(600L, 1200L), sleeps);
    }

    @Test
    void permanentFailuresStopAtOnce() {
        RetryPolicy.Failure error = assertThrows(RetryPolicy.Failure.class, () -> policy(2, 600, 4000, 60).call(scripted(
                ProviderException.permanentFailure("http_status=401; provider_error=invalid api key")), REQUEST));
        assertEquals("provider call failed on attempt 1/3: permanent error: http_status=401; provider_error=invalid api key",
                error.getMessage());
        assertEquals(1, error.attempts());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void anEmptyDetailReadsUnknownTransportFailure() {
        RetryPolicy.Failure error = assertThrows(RetryPolicy.Failure.class,
                () -> policy(0, 600, 4000, 60).call(scripted(ProviderException.transientFailure("")), REQUEST));
        assertEquals("provider call failed on attempt 1/1: transient error: unknown transport failure", error.getMessage());
    }
}
