package dev.rustypinch.api;

import java.util.Map;

/**
 * A configured chat channel: a polling one (Telegram long polling) or a push one (a websocket
 * bridge). The runtime drives its lifecycle from one thread, in this order:
 * <ol>
 *   <li>{@link ChannelFactory#create} — validate the configuration and load persisted state;</li>
 *   <li>{@link #startEventFields()} — the runtime writes the {@code channel_start} event;</li>
 *   <li>{@link #resumed(InboundMessage)} — once for each message the runtime queues again from its inbox
 *       journal (unless {@link #sourceRedelivers()});</li>
 *   <li>{@link #start(InboundSink)} — start receiving on threads the channel owns (named, e.g.
 *       {@code telegram-poller}) and return at once;</li>
 *   <li>{@link #send(OutboundMessage)} — any number of times, from several runtime worker threads;</li>
 *   <li>{@link #stopReceiving()} — on a stop: stop taking messages at once (cancel a long poll,
 *       stop reading frames); replies of running turns are still {@link #send sent} after it;</li>
 *   <li>{@link #close()} — persist and acknowledge what is finished, close connections, stop every
 *       thread. Bounded in time.</li>
 * </ol>
 * Reconnection, polling back-off and the channel's own error events ({@code channel_poll_error},
 * {@code channel_connect_error}, …) are the channel's business and go through
 * {@link PluginContext#events()}.
 */
public interface Channel extends AutoCloseable {
    /**
     * The channel-specific keys of the {@code channel_start} event besides {@code channel},
     * {@code event} and {@code max_messages} (added by the runtime), e.g. {@code poll_interval_ms}.
     */
    default Map<String, Object> startEventFields() {
        return Map.of();
    }

    /**
     * (API 1.1) Called before {@link #start(InboundSink)}, once for each message that an earlier run of this
     * channel accepted and did not finish and that the runtime now queues again from its inbox
     * journal (SPEC §22), in journal order. The returned listener is told how it ends, exactly as
     * for a message the channel published itself. The default ignores the outcome.
     */
    default DeliveryListener resumed(InboundMessage message) {
        return outcome -> { };
    }

    /** Starts receiving. Messages go to {@code sink}; see {@link InboundSink#publish}. */
    void start(InboundSink sink);

    /**
     * Delivers a reply, blocking until it is delivered or its failure has been reported as a
     * {@code channel_send_error} event (with retries as the channel's protocol requires). Never
     * throws for delivery failures.
     */
    void send(OutboundMessage message);

    /**
     * (API 1.1) Whether the channel's source gets back every message the channel has not finished,
     * after a crash too (SPEC §22): its source redelivers, or its sender learns of the failure and may
     * retry (an HTTP request). The runtime keeps an inbox journal for every channel that returns
     * {@code false} (the default, and every API 1.0 channel), so nothing it accepted is lost on a crash.
     */
    default boolean sourceRedelivers() {
        return false;
    }

    /** Stops taking new messages at once. Idempotent. */
    void stopReceiving();

    /** Releases everything; see the class comment. Idempotent. */
    @Override
    void close();
}
