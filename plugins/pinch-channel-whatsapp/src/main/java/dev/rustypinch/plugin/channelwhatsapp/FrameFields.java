package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustypinch.api.UnicodeWhitespace;
import java.util.Collection;
import java.util.Optional;

/**
 * Typed access to the members of a bridge frame. A member a dialect knows must be a string or null
 * when present; anything else makes the frame undecodable, like a wrong field type does for a typed
 * decoder.
 */
final class FrameFields {
    private final ObjectNode frame;

    private FrameFields(ObjectNode frame) {
        this.frame = frame;
    }

    /**
     * The frame's fields, or empty when {@code type} is not a string or a known member is neither a
     * string nor null.
     */
    static Optional<FrameFields> decode(ObjectNode frame, Collection<String> knownMembers) {
        requireNonNull(frame, "frame is null");
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            return Optional.empty();
        }
        for (String member : knownMembers) {
            JsonNode value = frame.get(member);
            if (value != null && !value.isTextual() && !value.isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(new FrameFields(frame));
    }

    String type() {
        return frame.get("type").textValue();
    }

    /** The member as is, empty when absent or null. */
    Optional<String> raw(String member) {
        JsonNode value = frame.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.textValue());
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
