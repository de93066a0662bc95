package dev.rustypinch.bench;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An event sink that passes every event on and remembers {@code telemetry_error} events, which the telemetry
 * store emits instead of throwing: a benchmark checks it so it never silently measures the failure path.
 */
final class TelemetryErrorWatch implements EventSink {
    private static final String TELEMETRY_ERROR = "telemetry_error";

    private final EventSink next;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Object> firstMessage = new AtomicReference<>();

    TelemetryErrorWatch(EventSink next) {
        this.next = requireNonNull(next, "next is null");
    }

    @Override
    public void emit(String event, Map<String, ?> fields) {
        if (TELEMETRY_ERROR.equals(event)) {
            errors.incrementAndGet();
            firstMessage.compareAndSet(null, fields.get("message"));
        }
        next.emit(event, fields);
    }

    /**
     * @throws IllegalStateException some telemetry update failed since the sink was created
     */
    void requireNoErrors() {
        long count = errors.get();
        if (count > 0) {
            throw new IllegalStateException(count + " telemetry update(s) failed; first: " + firstMessage.get());
        }
    }
}
