package dev.rustypinch.api;

import java.util.Map;

/**
 * Writes the SPEC's JSON event lines (SPEC §10.5) to stderr: one compact object per line, keys in
 * alphabetical order, the {@code event} key added by the runtime. Values may be {@link String},
 * {@link Number}, {@link Boolean} or {@code null}. Thread safe; lines are never interleaved.
 * Callers must never put a secret into a field.
 */
public interface EventSink {
    /**
     * @param event  the event name, e.g. {@code channel_poll_error}
     * @param fields the other keys; a map that allows {@code null} values (e.g. {@link java.util.LinkedHashMap})
     */
    void emit(String event, Map<String, ?> fields);
}
