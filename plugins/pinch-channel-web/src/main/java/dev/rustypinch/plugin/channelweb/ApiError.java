package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in the OpenAI envelope (SPEC §20.2):
 * {@code {"error":{"code":<string|null>,"message":"<text>","param":null,"type":"<type>"}}}.
 *
 * @param status      the HTTP status
 * @param type        the envelope's {@code type}
 * @param code        the envelope's {@code code}, or {@code null}
 * @param message     what happened and what to do; never a secret
 * @param retryable   {@code false} adds {@code x-should-retry: false}, so that OpenAI client libraries do not run a turn
 *                    twice
 */
record ApiError(int status, String type, String code, String message, boolean retryable) {
    ApiError {
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request_error", null, message, true);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "invalid_request_error", "invalid_api_key",
                "missing or wrong bearer token; send 'Authorization: Bearer <RUSTY_PINCH_CHANNELS_WEB_TOKEN>'", true);
    }

    static ApiError foreignOrigin(String origin) {
        return new ApiError(403, "invalid_request_error", "origin_not_allowed",
                "origin '" + origin + "' is not allowed; add it to RUSTY_PINCH_CHANNELS_WEB_ALLOW_ORIGINS", true);
    }

    static ApiError notFound(String method, String path) {
        return new ApiError(404, "invalid_request_error", "unknown_url", "Unknown request URL: " + method + " " + path, true);
    }

    static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed",
                "method " + method + " is not allowed on " + path + "; use " + allowed, true);
    }

    static ApiError tooLarge(int limit) {
        return new ApiError(413, "invalid_request_error", "request_too_large",
                "request body is larger than " + limit + " bytes", true);
    }

    static ApiError turnFailed(String errorText) {
        return new ApiError(502, "provider_error", null, errorText, false);
    }

    static ApiError noReply() {
        return new ApiError(502, "provider_error", null, "the turn ended without a reply", false);
    }

    static ApiError dropped() {
        return new ApiError(503, "server_error", "queue_overflow",
                "the message queue is full and this request was dropped; try again later", true);
    }

    static ApiError stopping() {
        return new ApiError(503, "server_error", "unavailable",
                "the web channel is stopping and takes no new messages; try again later", true);
    }

    static ApiError timedOut(long seconds) {
        return new ApiError(504, "timeout_error", "turn_timeout", "the turn did not finish within " + seconds
                + " s (RUSTY_PINCH_CHANNELS_WEB_TURN_TIMEOUT_SECS); it may still finish and be saved in the session", false);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "server_error", null, message, true);
    }

    static ApiError fromStatus(int status, String reason) {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        return new ApiError(status, type, null, reason, true);
    }

    /** The envelope as compact JSON. */
    String body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("param", null);
        error.put("type", type);
        return Json.compact(Map.of("error", error));
    }
}
