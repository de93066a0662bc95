package dev.rustypinch.plugin.channelwhatsapp;

import dev.rustypinch.api.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PicoClaw bridge protocol (SPEC §13.3): inbound {@code message} frames with {@code from},
 * optional {@code chat}, {@code content} and {@code id}; outbound
 * {@code {"content":…,"to":…,"type":"message"}}; no authentication.
 */
final class PicoClawDialect implements BridgeDialect {
    static final String NAME = "picoclaw";
    static final String MISSING_FROM = "whatsapp bridge message is missing 'from'";

    private static final List<String> MEMBERS = List.of("from", "chat", "content", "id");

    @Override
    public BridgeFrame parse(String text) {
        Optional<FrameFields> decoded = BridgeJson.readObject(text).flatMap(frame -> FrameFields.decode(frame, MEMBERS));
        if (decoded.isEmpty()) {
            return new BridgeFrame.Invalid(DECODE_ERROR);
        }
        FrameFields fields = decoded.get();
        if (!fields.type().equals("message")) {
            return new BridgeFrame.Ignored();
        }
        Optional<String> from = fields.trimmed("from");
        if (from.isEmpty()) {
            return new BridgeFrame.Invalid(MISSING_FROM);
        }
        Optional<String> content = fields.content();
        if (content.isEmpty()) {
            return new BridgeFrame.Ignored();
        }
        String chat = fields.trimmed("chat").orElse(from.get());
        Optional<String> id = fields.raw("id").filter(value -> !value.isEmpty());
        return new BridgeFrame.Message(from.get(), chat, content.get(), id, List.of(from.get(), chat));
    }

    @Override
    public Map<String, String> replyFrame(String chatId, String text) {
        return Map.of("type", "message", "to", chatId, "content", text);
    }

    @Override
    public Optional<Map<String, String>> authFrame(Optional<Secret> token) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
