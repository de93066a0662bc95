package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Writes the chat-completion request body of SPEC §8.2 (and §18.3 in agent mode: {@code tools}, {@code tool_choice},
 * assistant messages with {@code tool_calls}, {@code tool} messages): compact JSON, keys in alphabetical order except
 * inside a tool's parameters schema, which is written as declared,
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
                writeMessage(json, message);
            }
            json.writeEndArray();
            json.writeStringField("model", request.model());
            json.writeNumberField("temperature", request.temperature());
            if (request.toolChoice().isPresent()) {
                json.writeStringField("tool_choice", request.toolChoice().get());
            }
            if (!request.tools().isEmpty()) {
                writeTools(json, request.tools());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeMessage(JsonGenerator json, ChatMessage message) throws IOException {
        json.writeStartObject();
        if (message.content() == null) {
            json.writeNullField("content");
        } else {
            json.writeStringField("content", message.content());
        }
        json.writeStringField("role", message.role());
        if (message.toolCallId().isPresent()) {
            json.writeStringField("tool_call_id", message.toolCallId().get());
        }
        if (!message.toolCalls().isEmpty()) {
            json.writeArrayFieldStart("tool_calls");
            for (ChatToolCall call : message.toolCalls()) {
                json.writeStartObject();
                json.writeObjectFieldStart("function");
                json.writeStringField("arguments", call.arguments());
                json.writeStringField("name", call.name());
                json.writeEndObject();
                json.writeStringField("id", call.id());
                json.writeStringField("type", "function");
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Each tool's schema goes out as declared (raw), so its key order is kept. */
    private static void writeTools(JsonGenerator json, List<ToolSpec> tools) throws IOException {
        json.writeArrayFieldStart("tools");
        for (ToolSpec tool : tools) {
            json.writeStartObject();
            json.writeObjectFieldStart("function");
            json.writeStringField("description", tool.description());
            json.writeStringField("name", tool.name());
            json.writeFieldName("parameters");
            json.writeRawValue(tool.parametersSchema());
            json.writeEndObject();
            json.writeStringField("type", "function");
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
