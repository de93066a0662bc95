package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes the chat-completion request body of SPEC §8.2: compact JSON, keys in alphabetical order,
 * control characters escaped with lowercase hex (SPEC §0), everything else raw UTF-8 (characters
 * outside the Basic Multilingual Plane too, which Jackson would otherwise write as two
 * backslash-u surrogate escapes).
 */
final class ChatRequestEncoder {
    private final JsonFactory factory = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    /**
     * @throws IOException when a text cannot be written as JSON (an unpaired surrogate)
     */
    byte[] encode(ChatRequest request) throws IOException {
        requireNonNull(request, "request is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("messages");
            for (ChatMessage message : request.messages()) {
                json.writeStartObject();
                json.writeStringField("content", message.content());
                json.writeStringField("role", message.role());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", request.model());
            json.writeNumberField("temperature", request.temperature());
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
