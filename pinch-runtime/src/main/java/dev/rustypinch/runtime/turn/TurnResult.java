package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of one turn.
 *
 * @param requestId the turn's request id
 * @param reply     the reply on success
 * @param error     the error message (without {@code request_id=}) on failure
 */
public record TurnResult(String requestId, Optional<String> reply, Optional<String> error) {
    public TurnResult {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(reply, "reply is null");
        requireNonNull(error, "error is null");
        if (reply.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of reply and error must be present");
        }
    }

    static TurnResult ok(String requestId, String reply) {
        return new TurnResult(requestId, Optional.of(reply), Optional.empty());
    }

    static TurnResult failed(String requestId, String error) {
        return new TurnResult(requestId, Optional.empty(), Optional.of(error));
    }

    public boolean ok() {
        return reply.isPresent();
    }

    /** {@code request_id=<id>: <message>}, as printed after {@code Error: } and sent in channel error replies. */
    public String errorText() {
        return "request_id=" + requestId + ": " + error.orElseThrow();
    }
}
