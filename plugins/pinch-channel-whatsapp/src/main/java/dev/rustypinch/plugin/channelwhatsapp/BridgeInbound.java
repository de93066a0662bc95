package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;

/**
 * Turns inbound bridge text frames into messages for the runtime (SPEC §13.3–§13.5): parse with the
 * dialect, report bad frames and bridge statuses, filter by allowlist and duplicate id, publish.
 */
final class BridgeInbound {
    private static final DeliveryListener NO_ACKNOWLEDGEMENT = outcome -> { };

    private final BridgeDialect dialect;
    private final Allowlist allowlist;
    private final RecentIds recentIds;
    private final ChannelEvents events;
    private final InboundSink sink;

    BridgeInbound(BridgeDialect dialect, Allowlist allowlist, RecentIds recentIds, ChannelEvents events, InboundSink sink) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.allowlist = requireNonNull(allowlist, "allowlist is null");
        this.recentIds = requireNonNull(recentIds, "recentIds is null");
        this.events = requireNonNull(events, "events is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** Handles one text frame; never throws for bad input. */
    void accept(String text) {
        BridgeFrame frame = dialect.parse(text);
        if (frame instanceof BridgeFrame.Message message) {
            publish(message);
        } else if (frame instanceof BridgeFrame.Invalid invalid) {
            events.parseError(invalid.error());
        } else if (frame instanceof BridgeFrame.Status status) {
            events.bridgeStatus(status.status());
        } else if (frame instanceof BridgeFrame.DeliveryFailure failure) {
            events.sendError(failure.error());
        }
    }

    private void publish(BridgeFrame.Message message) {
        if (!allowlist.allows(message.identities())) {
            return;
        }
        if (message.id().isPresent() && !recentIds.firstSighting(message.id().get())) {
            return;
        }
        InboundMessage inbound = new InboundMessage(
                ChannelEvents.CHANNEL, message.senderId(), message.chatId(), message.content(), message.id());
        sink.publish(inbound, NO_ACKNOWLEDGEMENT);
    }
}
