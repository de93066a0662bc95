package dev.rustypinch.api;

/**
 * Where a channel pushes inbound messages: the runtime's message bus. Thread safe.
 */
public interface InboundSink {
    /**
     * Offers one message. Accepted messages get exactly one {@link DeliveryListener#finished} call
     * later (possibly before this method returns, e.g. {@link DeliveryOutcome#DROPPED}). May block
     * for a bounded time when the bus overflow policy is {@code block}.
     *
     * @return {@code false} when the runtime takes no more messages (stopping, or {@code --max-messages}
     *         reached): the message is not finished and the listener is never called
     */
    boolean publish(InboundMessage message, DeliveryListener listener);
}
