package dev.rustypinch.plugin.channelweb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI-shaped success bodies of SPEC §20.2, keys in alphabetical order. */
final class OpenAiShapes {
    private OpenAiShapes() {
    }

    static String completion(String requestId, String model, long created, String reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("content", reply);
        message.put("role", "assistant");
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("finish_reason", "stop");
        choice.put("index", 0);
        choice.put("message", message);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("completion_tokens", 0);
        usage.put("prompt_tokens", 0);
        usage.put("total_tokens", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("choices", List.of(choice));
        body.put("created", created);
        body.put("id", "chatcmpl-" + requestId);
        body.put("model", model);
        body.put("object", "chat.completion");
        body.put("usage", usage);
        return Json.compact(body);
    }

    /** The SSE events of a streamed reply: role, content, {@code stop}, then {@code [DONE]}. */
    static String stream(String requestId, String model, long created, String reply) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("content", "");
        role.put("role", "assistant");
        return event(chunk(requestId, model, created, role, null))
                + event(chunk(requestId, model, created, Map.of("content", reply), null))
                + event(chunk(requestId, model, created, Map.of(), "stop"))
                + "data: [DONE]\n\n";
    }

    /** An error after the stream has started: one {@code data:} event holding the envelope. */
    static String streamError(ApiError error) {
        return "data: " + error.body() + "\n\n";
    }

    static String models(String model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("created", 0);
        entry.put("id", model);
        entry.put("object", "model");
        entry.put("owned_by", "rusty-pinch");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", List.of(entry));
        body.put("object", "list");
        return Json.compact(body);
    }

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }

    private static String chunk(String requestId, String model, long created, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        choice.put("index", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("choices", List.of(choice));
        body.put("created", created);
        body.put("id", "chatcmpl-" + requestId);
        body.put("model", model);
        body.put("object", "chat.completion.chunk");
        return Json.compact(body);
    }
}
