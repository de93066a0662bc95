package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import dev.rustypinch.api.UnicodeWhitespace;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a provider's response body: the reply of a 2xx (SPEC §8.3) or the error text of any body (§8.4). */
final class ChatResponseDecoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Extracts the reply from a 2xx body.
     *
     * @param retryAfter the response's {@code Retry-After}, attached when the body carries a transient error
     * @throws ProviderException with the SPEC §8.3 message; permanent except for a transient {@code error}
     */
    ChatResponse decode(byte[] body, Optional<Duration> retryAfter) throws ProviderException {
        requireNonNull(body, "body is null");
        requireNonNull(retryAfter, "retryAfter is null");
        String text = utf8(body).orElseThrow(() -> permanent("provider returned non-utf8 response"));
        JsonNode root = json(text).orElseThrow(() -> permanent("failed parsing provider response json"));
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            String message = errorMessage(error).orElse("unknown error");
            Kind kind = ErrorKeywords.classify(message);
            throw new ProviderException(kind, "provider returned error: " + message,
                    kind == Kind.TRANSIENT ? retryAfter.orElse(null) : null, null);
        }
        return response(root);
    }

    /**
     * The provider's error message in any body: {@code error.message}, or {@code error} when it is a
     * string; empty when the body has neither or is not UTF-8 JSON.
     */
    Optional<String> providerError(byte[] body) {
        requireNonNull(body, "body is null");
        return utf8(body).flatMap(this::json).map(root -> root.get("error")).flatMap(ChatResponseDecoder::errorMessage);
    }

    /** SPEC §8.3, and §18.4: a message with a non-empty {@code tool_calls} array needs no content. */
    private static ChatResponse response(JsonNode root) throws ProviderException {
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw permanent("provider response missing choices array");
        }
        if (choices.isEmpty()) {
            throw permanent("provider response has empty choices array");
        }
        JsonNode message = choices.get(0).get("message");
        if (message == null || !message.isObject()) {
            throw permanent("provider response missing choices[0].message");
        }
        List<ChatToolCall> toolCalls = toolCalls(message.get("tool_calls"));
        Optional<String> text = text(message.get("content"));
        if (!toolCalls.isEmpty()) {
            return new ChatResponse(text.orElse(null), toolCalls);
        }
        if (text.isEmpty()) {
            throw permanent("provider response missing choices[0].message.content");
        }
        if (text.get().isEmpty()) {
            throw permanent("provider response content is empty");
        }
        return new ChatResponse(text.get());
    }

    /** A string, trimmed; an array's trimmed texts joined by newlines; empty for anything else. */
    private static Optional<String> text(JsonNode content) {
        if (content != null && content.isTextual()) {
            return Optional.of(UnicodeWhitespace.trim(content.textValue()));
        }
        if (content != null && content.isArray()) {
            return Optional.of(joinedParts(content));
        }
        return Optional.empty();
    }

    /** Each call needs a string {@code id}, {@code function.name} and {@code function.arguments} (kept as received). */
    private static List<ChatToolCall> toolCalls(JsonNode calls) throws ProviderException {
        if (calls == null || !calls.isArray()) {
            return List.of();
        }
        List<ChatToolCall> parsed = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            JsonNode id = call.get("id");
            JsonNode function = call.get("function");
            JsonNode name = function == null ? null : function.get("name");
            JsonNode arguments = function == null ? null : function.get("arguments");
            if (id == null || !id.isTextual() || name == null || !name.isTextual() || arguments == null || !arguments.isTextual()) {
                throw permanent("provider response has malformed tool_calls[" + i + "]");
            }
            parsed.add(new ChatToolCall(id.textValue(), name.textValue(), arguments.textValue()));
        }
        return parsed;
    }

    private static String joinedParts(JsonNode parts) {
        List<String> lines = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual()) {
                String trimmed = UnicodeWhitespace.trim(text.textValue());
                if (!trimmed.isEmpty()) {
                    lines.add(trimmed);
                }
            }
        }
        return String.join("\n", lines);
    }

    private static Optional<String> errorMessage(JsonNode error) {
        if (error == null) {
            return Optional.empty();
        }
        JsonNode message = error.get("message");
        if (message != null && message.isTextual()) {
            return Optional.of(message.textValue());
        }
        return error.isTextual() ? Optional.of(error.textValue()) : Optional.empty();
    }

    private Optional<JsonNode> json(String text) {
        try {
            JsonNode root = mapper.readTree(text);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static ProviderException permanent(String detail) {
        return ProviderException.permanentFailure(detail);
    }
}
