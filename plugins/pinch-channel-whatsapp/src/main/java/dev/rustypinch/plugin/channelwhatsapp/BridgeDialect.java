package dev.rustypinch.plugin.channelwhatsapp;

import dev.rustypinch.api.Secret;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One bridge protocol: how inbound frames read and how outbound frames look. */
sealed interface BridgeDialect permits PicoClawDialect, NanobotDialect {
    /** The {@code channel_parse_error} text for a frame that is not a JSON object with a string type. */
    String DECODE_ERROR = "failed to decode whatsapp bridge payload";

    /** Reads one inbound text frame; never throws for bad input. */
    BridgeFrame parse(String text);

    /** The outbound frame carrying a reply, keys in any order. */
    Map<String, String> replyFrame(String chatId, String text);

    /** The frame to send first on every connection, if any. */
    Optional<Map<String, String>> authFrame(Optional<Secret> token);

    /** The dialect for a trimmed, lowercased name. */
    static Optional<BridgeDialect> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case PicoClawDialect.NAME -> Optional.of(new PicoClawDialect());
            case NanobotDialect.NAME -> Optional.of(new NanobotDialect());
            default -> Optional.empty();
        };
    }
}
