package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads bridge frames strictly (one JSON object, no trailing data, no duplicate keys at any depth) and writes
 * outbound frames as compact JSON with alphabetical keys and the SPEC's escaping (SPEC §0). Streaming only: a
 * frame is read token by token into its top-level members, so no data-binding machinery loads on the worker's
 * start-up path.
 */
final class BridgeJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private BridgeJson() {
    }

    /** What a top-level member of a frame holds, as far as the dialects care. */
    sealed interface Value {
        /** The JSON {@code null}. */
        Value NULL = new Null();
        /** A number, boolean, array or object. */
        Value OTHER = new Other();

        /** A JSON string. */
        record Text(String text) implements Value {
            public Text {
                requireNonNull(text, "text is null");
            }
        }

        /** See {@link Value#NULL}. */
        record Null() implements Value {
        }

        /** See {@link Value#OTHER}. */
        record Other() implements Value {
        }
    }

    /**
     * The frame's top-level members by name, or empty when the frame is not exactly one well-formed JSON object
     * (trailing data, a duplicate key at any depth and malformed nested values included).
     */
    static Optional<Map<String, Value>> readObject(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Value> members = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                members.put(name, value(parser, parser.nextToken()));
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(Collections.unmodifiableMap(members));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The member value that starts at {@code token}; nested values are read through (and so checked). */
    private static Value value(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return new Value.Text(parser.getText());
        }
        if (token == JsonToken.VALUE_NULL) {
            return Value.NULL;
        }
        parser.skipChildren();
        return Value.OTHER;
    }

    /** A compact JSON object of string members, keys in ascending order. */
    static String write(Map<String, String> members) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> member : new TreeMap<>(members).entrySet()) {
                generator.writeStringField(member.getKey(), member.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a bridge frame", e);
        }
        return out.toString();
    }
}
