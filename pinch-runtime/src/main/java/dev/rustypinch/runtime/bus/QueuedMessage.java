package dev.rustypinch.runtime.bus;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.InboundMessage;

/**
 * A message waiting in the bus.
 *
 * @param sequence  the arrival number, unique per queue
 * @param sessionId {@link InboundMessage#sessionId()}, computed once
 * @param message   the message
 * @param listener  told how the message ended
 */
record QueuedMessage(long sequence, String sessionId, InboundMessage message, DeliveryListener listener) {
    QueuedMessage {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(message, "message is null");
        requireNonNull(listener, "listener is null");
    }
}
