package dev.rustypinch.runtime.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.runtime.json.JsonText;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Writes the SPEC's event lines (SPEC §10.5) to a stream, normally stderr: one compact JSON object
 * per line with every key, {@code event} included, in ascending alphabetical order. Each line is
 * written with one call and flushed while holding the stream's monitor, so lines of concurrent
 * threads never interleave. I/O problems are ignored: an event never fails the work it reports.
 */
public final class EventWriter implements EventSink {
    private final PrintStream err;

    public EventWriter(PrintStream err) {
        this.err = requireNonNull(err, "err is null");
    }

    /**
     * Writes {@code fields} plus {@code "event": event} as one line. A field named {@code event} is
     * replaced. Values must be JSON-writable ({@link String}, {@link Number}, {@link Boolean},
     * {@code null}, or maps and lists of them); an event that cannot be encoded is not written and
     * a warning is logged instead.
     */
    @Override
    public void emit(String event, Map<String, ?> fields) {
        requireNonNull(event, "event is null");
        requireNonNull(fields, "fields is null");
        Map<String, Object> sorted = new TreeMap<>(fields);
        sorted.put("event", event);
        String line;
        try {
            line = JsonText.compact(sorted);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(EventWriter.class).warn("event '{}' not written: {}", event, e.getMessage());
            return;
        }
        writeLine(line);
    }

    /** Writes a line exactly as given (the literal {@code channel_signal} line), plus {@code \n}. */
    public void emitLiteral(String line) {
        writeLine(requireNonNull(line, "line is null"));
    }

    private void writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(UTF_8);
        synchronized (err) {
            err.write(bytes, 0, bytes.length);
            err.flush();
        }
    }
}
