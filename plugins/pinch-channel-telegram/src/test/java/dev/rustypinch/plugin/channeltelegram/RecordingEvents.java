package dev.rustypinch.plugin.channeltelegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rustypinch.api.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records event lines as the runtime would write them: compact JSON, keys in alphabetical order. */
final class RecordingEvents implements EventSink {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void emit(String event, Map<String, ?> fields) {
        Map<String, Object> sorted = new TreeMap<>(fields);
        sorted.put("event", event);
        try {
            lines.add(TelegramBotApiJson.JSON.writeValueAsString(sorted));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines of one event kind. */
    synchronized List<String> lines(String event) {
        return lines.stream().filter(line -> line.contains("\"event\":\"" + event + "\"")).toList();
    }
}
