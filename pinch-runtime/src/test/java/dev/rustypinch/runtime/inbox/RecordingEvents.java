package dev.rustypinch.runtime.inbox;

import dev.rustypinch.api.EventSink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventSink} that keeps every event in memory. */
final class RecordingEvents implements EventSink {
    record Event(String name, Map<String, ?> fields) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(String event, Map<String, ?> fields) {
        events.add(new Event(event, new TreeMap<>(fields)));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> named(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }
}
