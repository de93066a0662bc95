package dev.rustypinch.plugin.channelwhatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads bridge frames strictly (one JSON value, no trailing data, no duplicate keys) and writes
 * outbound frames as compact JSON with alphabetical keys and the SPEC's escaping (SPEC §0).
 */
final class BridgeJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private BridgeJson() {
    }

    /** The frame as a JSON object, or empty when it is not exactly one JSON object. */
    static Optional<ObjectNode> readObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A compact JSON object of string members, keys in ascending order. */
    static String write(Map<String, String> members) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(members));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a bridge frame", e);
        }
    }
}
