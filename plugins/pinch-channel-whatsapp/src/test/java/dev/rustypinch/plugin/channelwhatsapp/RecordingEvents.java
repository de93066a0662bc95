package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rustypinch.api.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records events as the runtime would print them: compact JSON, alphabetical keys, {@code event} added. */
final class RecordingEvents implements EventSink {
    private static final ObjectMapper JSON = JsonMapper.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    record Event(String name, String line, long nanos) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(String event, Map<String, ?> fields) {
        Map<String, Object> line = new TreeMap<>(fields);
        line.put("event", event);
        try {
            events.add(new Event(event, JSON.writeValueAsString(line), System.nanoTime()));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    List<String> lines() {
        return events.stream().map(Event::line).toList();
    }

    List<Event> named(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }

    List<String> linesNamed(String name) {
        return named(name).stream().map(Event::line).toList();
    }

    /** Waits until {@code condition} holds for the recorded events. */
    void await(String description, Predicate<RecordingEvents> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + description + "; events: " + lines());
            }
            pause();
        }
    }

    void awaitCount(String name, int count, Duration limit) {
        await(count + " x " + name, recorded -> recorded.named(name).size() >= count, limit);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
