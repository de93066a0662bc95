package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import java.time.Duration;
import java.util.Locale;

/**
 * The provider retry policy of SPEC §8.4, the same for every provider plugin: attempts = retries + 1, only
 * transient failures are retried, exponential backoff without jitter, {@code Retry-After} honoured and capped.
 */
public final class RetryPolicy {
    /** Blocks the calling thread; tests substitute a recorder. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A successful call with its metrics. */
    public record Success(ChatResponse response, long attempts, long latencyMs) {
    }

    /** A failed call: the full message (without the metrics suffix) and its metrics. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final long attempts;
        private final long latencyMs;

        Failure(String message, long attempts, long latencyMs) {
            super(message);
            this.attempts = attempts;
            this.latencyMs = latencyMs;
        }

        public long attempts() {
            return attempts;
        }

        public long latencyMs() {
            return latencyMs;
        }
    }

    private static final int MAX_EXPONENT = 12;

    private final long retries;
    private final long backoffMs;
    private final long maxBackoffMs;
    private final long requestTimeoutSecs;
    private final Sleeper sleeper;

    public RetryPolicy(long retries, long backoffMs, long maxBackoffMs, long requestTimeoutSecs, Sleeper sleeper) {
        this.retries = retries;
        this.backoffMs = backoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.requestTimeoutSecs = requestTimeoutSecs;
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** Total attempts: retries + 1, saturating. */
    public long totalAttempts() {
        return retries == Long.MAX_VALUE ? Long.MAX_VALUE : retries + 1;
    }

    /** The delay after failed attempt {@code index} (0-based): {@code min(b × 2^min(i,12), max(max_backoff, b))}. */
    public long backoffMillis(long index) {
        long base = Math.max(backoffMs, 1);
        long cap = Math.max(maxBackoffMs, base);
        long exponent = Math.min(index, MAX_EXPONENT);
        long scaled = base > (Long.MAX_VALUE >> exponent) ? Long.MAX_VALUE : base << exponent;
        return Math.min(scaled, cap);
    }

    /** The wait after a failure that carried {@code Retry-After}: {@code max(delay, min(retry_after, cap…))}. */
    public long waitMillis(long index, Duration retryAfter) {
        long delay = backoffMillis(index);
        if (retryAfter == null) {
            return delay;
        }
        long cap = saturatingMultiply(maxBackoffMs, 8);
        if (requestTimeoutSecs != 0) {
            cap = Math.min(cap, saturatingMultiply(requestTimeoutSecs, 1000));
        }
        long requested = retryAfter.isNegative() ? 0 : saturatingMillis(retryAfter);
        return Math.max(delay, Math.min(requested, cap));
    }

    /** Calls the provider until success, a permanent failure, or the attempts run out. */
    public Success call(ChatProvider provider, ChatRequest request) throws Failure, InterruptedException {
        long started = System.nanoTime();
        long total = totalAttempts();
        for (long attempt = 1; ; attempt++) {
            try {
                ChatResponse response = provider.complete(request);
                return new Success(response, attempt, elapsedMillis(started));
            } catch (RuntimeException | LinkageError e) {
                // A broken plugin, not a provider answer: permanent, reported at the attempt it happened.
                String message = "provider call failed on attempt " + attempt + "/" + total + ": permanent error: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage();
                throw new Failure(message, attempt, elapsedMillis(started));
            } catch (ProviderException e) {
                boolean retryable = e.kind() == ProviderException.Kind.TRANSIENT && attempt < total;
                if (!retryable) {
                    String message = "provider call failed on attempt " + attempt + "/" + total + ": " + classified(e);
                    throw new Failure(message, attempt, elapsedMillis(started));
                }
                sleeper.sleep(waitMillis(attempt - 1, e.retryAfter().orElse(null)));
            }
        }
    }

    private static String classified(ProviderException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "unknown transport failure" : e.getMessage();
        return e.kind().name().toLowerCase(Locale.ROOT) + " error: " + detail;
    }

    static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static long saturatingMultiply(long value, long factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }

    private static long saturatingMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
