package dev.rustypinch.runtime.bus;

import dev.rustypinch.api.InboundMessage;

/** Runs one inbound message as a turn and delivers its reply; called by the bus workers. */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. A thrown exception is logged by the bus; the message still counts as
     * {@link dev.rustypinch.api.DeliveryOutcome#PROCESSED}, so the handler records failures itself.
     */
    void handle(InboundMessage message) throws Exception;
}
