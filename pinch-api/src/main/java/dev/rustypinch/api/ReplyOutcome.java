package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * (API 1.1) How the turn behind an {@link OutboundMessage} ended, for channels that answer a request
 * (the web channel's 200 or 502, and its {@code chatcmpl-<request id>}).
 *
 * @param requestId the turn's request id, e.g. {@code rp-19c7a88327b-1}
 * @param error     empty when the turn succeeded; else the turn's message
 *                  {@code request_id=<id>: <message>}, uncut
 */
public record ReplyOutcome(String requestId, Optional<String> error) {
    public ReplyOutcome {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(error, "error is null");
    }

    /** Whether the turn succeeded. */
    public boolean ok() {
        return error.isEmpty();
    }
}
