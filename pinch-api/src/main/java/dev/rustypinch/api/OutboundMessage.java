package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A reply the runtime asks a channel to deliver.
 *
 * @param chatId    the chat to send to ({@link InboundMessage#chatId()})
 * @param text      the reply as the turn produced it (untrimmed; may be empty); channels apply their
 *                  own trimming, splitting and size rules. For a failed turn, the
 *                  {@code Rusty Pinch error: …} text of SPEC §12.3.
 * @param inReplyTo the message this answers
 * @param outcome   (API 1.1) how the turn ended; always present when the runtime sends a turn's reply
 */
public record OutboundMessage(String chatId, String text, InboundMessage inReplyTo, Optional<ReplyOutcome> outcome) {
    public OutboundMessage {
        requireNonNull(chatId, "chatId is null");
        requireNonNull(text, "text is null");
        requireNonNull(inReplyTo, "inReplyTo is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** A reply without an outcome (API 1.0). */
    public OutboundMessage(String chatId, String text, InboundMessage inReplyTo) {
        this(chatId, text, inReplyTo, Optional.empty());
    }
}
