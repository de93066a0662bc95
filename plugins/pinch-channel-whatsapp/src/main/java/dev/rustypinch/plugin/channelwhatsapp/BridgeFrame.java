package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** What one inbound bridge text frame means, as a dialect reads it. */
sealed interface BridgeFrame {
    /**
     * A chat message with non-empty trimmed content.
     *
     * @param identities what the allowlist matches against
     */
    record Message(String senderId, String chatId, String content, Optional<String> id, List<String> identities)
            implements BridgeFrame {
        public Message {
            requireNonNull(senderId, "senderId is null");
            requireNonNull(chatId, "chatId is null");
            requireNonNull(content, "content is null");
            requireNonNull(id, "id is null");
            identities = List.copyOf(identities);
        }
    }

    /** A bridge status change ({@code channel_bridge_status}); empty status is written as null. */
    record Status(Optional<String> status) implements BridgeFrame {
        public Status {
            requireNonNull(status, "status is null");
        }
    }

    /** The bridge reports a failed delivery ({@code channel_send_error}); empty error is written as null. */
    record DeliveryFailure(Optional<String> error) implements BridgeFrame {
        public DeliveryFailure {
            requireNonNull(error, "error is null");
        }
    }

    /** A frame that breaks the dialect's rules ({@code channel_parse_error}). */
    record Invalid(String error) implements BridgeFrame {
        public Invalid {
            requireNonNull(error, "error is null");
        }
    }

    /** A frame that is ignored silently (other types, empty content). */
    record Ignored() implements BridgeFrame {
    }
}
