package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.UnicodeWhitespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/chat/completions} body as the channel reads it (SPEC §20.2): the text of the last {@code user}
 * message, the session name from {@code user}, and {@code stream}. Other fields are ignored; earlier messages too,
 * because the session keeps the history.
 *
 * @param user   the session name ({@code web:<user>}); {@code default} when absent or blank
 * @param text   the trimmed, non-empty turn input
 * @param stream whether the answer is an SSE stream
 */
record ChatBody(String user, String text, boolean stream) {
    static final int MAX_USER_LENGTH = 128;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    ChatBody {
        requireNonNull(user, "user is null");
        requireNonNull(text, "text is null");
    }

    /**
     * @throws BadBody with a message naming what is wrong
     */
    static ChatBody parse(byte[] body) throws BadBody {
        if (body.length == 0) {
            throw new BadBody("request body is empty; send a JSON object with 'messages'");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadBody("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadBody("request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadBody("request body must be a JSON object");
        }
        return new ChatBody(user(root.get("user")), lastUserText(root.get("messages")), stream(root.get("stream")));
    }

    private static String user(JsonNode user) throws BadBody {
        if (user == null || user.isNull()) {
            return "default";
        }
        if (!user.isTextual()) {
            throw new BadBody("'user' must be a string");
        }
        String name = UnicodeWhitespace.trim(user.textValue());
        if (name.codePointCount(0, name.length()) > MAX_USER_LENGTH) {
            throw new BadBody("'user' must be at most " + MAX_USER_LENGTH + " characters");
        }
        return name.isEmpty() ? "default" : name;
    }

    private static boolean stream(JsonNode stream) throws BadBody {
        if (stream == null || stream.isNull()) {
            return false;
        }
        if (!stream.isBoolean()) {
            throw new BadBody("'stream' must be a boolean");
        }
        return stream.booleanValue();
    }

    private static String lastUserText(JsonNode messages) throws BadBody {
        if (messages == null || !messages.isArray()) {
            throw new BadBody("'messages' must be an array of messages");
        }
        JsonNode last = null;
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new BadBody("every message must be an object with a string 'role'");
            }
            if (message.get("role").textValue().equals("user")) {
                last = message;
            }
        }
        if (last == null) {
            throw new BadBody("'messages' has no message with role 'user'");
        }
        String text = UnicodeWhitespace.trim(content(last.get("content")));
        if (text.isEmpty()) {
            throw new BadBody("the last 'user' message has no text");
        }
        return text;
    }

    private static String content(JsonNode content) throws BadBody {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            throw new BadBody("a message 'content' must be a string or an array of content parts");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (!part.isObject()) {
                throw new BadBody("a content part must be an object");
            }
            if (part.path("type").asText("").equals("text")) {
                if (!part.path("text").isTextual()) {
                    throw new BadBody("a text content part must have a string 'text'");
                }
                parts.add(part.get("text").textValue());
            }
        }
        return String.join("\n", parts);
    }

    /** A body the channel cannot take; the message goes to the client as a 400. */
    static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message);
        }
    }
}
