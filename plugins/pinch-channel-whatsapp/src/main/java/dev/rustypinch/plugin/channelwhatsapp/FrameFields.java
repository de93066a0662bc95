package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the members of a bridge frame. A member a dialect knows must be a string or null
 * when present; anything else makes the frame undecodable, like a wrong field type does for a typed
 * decoder.
 */
final class FrameFields {
    private final Map<String, BridgeJson.Value> frame;

    private FrameFields(Map<String, BridgeJson.Value> frame) {
        this.frame = frame;
    }

    /**
     * The frame's fields, or empty when {@code type} is not a string or a known member is neither a
     * string nor null.
     */
    static Optional<FrameFields> decode(Map<String, BridgeJson.Value> frame, Collection<String> knownMembers) {
        requireNonNull(frame, "frame is null");
        if (!(frame.get("type") instanceof BridgeJson.Value.Text)) {
            return Optional.empty();
        }
        for (String member : knownMembers) {
            if (frame.get(member) instanceof BridgeJson.Value.Other) {
                return Optional.empty();
            }
        }
        return Optional.of(new FrameFields(frame));
    }

    String type() {
        return raw("type").orElseThrow();
    }

    /** The member as is, empty when absent or null. */
    Optional<String> raw(String member) {
        return frame.get(member) instanceof BridgeJson.Value.Text text ? Optional.of(text.text()) : Optional.empty();
    }

    /** The member trimmed, empty when absent, null or blank. */
    Optional<String> trimmed(String member) {
        return raw(member).map(UnicodeWhitespace::trim).filter(text -> !text.isEmpty());
    }

    /**
     * The trimmed content, empty when it cannot be a message text: absent, blank, or (a corner of
     * the API's {@code String.isBlank} check) made only of U+001C–U+001F and whitespace.
     */
    Optional<String> content() {
        return trimmed("content").filter(text -> !text.isBlank());
    }
}
