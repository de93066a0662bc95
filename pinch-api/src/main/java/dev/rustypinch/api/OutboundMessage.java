package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A reply the runtime asks a channel to deliver.
 *
 * @param chatId    the chat to send to ({@link InboundMessage#chatId()})
 * @param text      the reply as the turn produced it (untrimmed; may be empty); channels apply their
 *                  own trimming, splitting and size rules
 * @param inReplyTo the message this answers
 */
public record OutboundMessage(String chatId, String text, InboundMessage inReplyTo) {
    public OutboundMessage {
        requireNonNull(chatId, "chatId is null");
        requireNonNull(text, "text is null");
        requireNonNull(inReplyTo, "inReplyTo is null");
    }
}
