package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rustypinch.api.UnicodeWhitespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code POST /v1/chat/completions} body as the channel reads it (SPEC §20.2): the text of the last {@code user}
 * message, the session name from {@code user}, and {@code stream}. Other fields are ignored; earlier messages too,
 * because the session keeps the history.
 *
 * <p>Read with jackson-core's streaming parser into plain values ({@link Map}, {@link List}, {@link String},
 * {@link Boolean}, {@link Other}): no databind {@code ObjectMapper}, whose classes and caches would stay resident in
 * the plugin's class loader for the life of the worker. A member given twice counts with its last value.
 *
 * @param user   the session name ({@code web:<user>}); {@code default} when absent or blank
 * @param text   the trimmed, non-empty turn input
 * @param stream whether the answer is an SSE stream
 */
record ChatBody(String user, String text, boolean stream) {
    static final int MAX_USER_LENGTH = 128;

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    ChatBody {
        requireNonNull(user, "user is null");
        requireNonNull(text, "text is null");
    }

    /** JSON values that the channel never reads, only rejects where a string, boolean or container is needed. */
    private enum Other {
        NULL,
        NUMBER
    }

    /**
     * @throws BadBody with a message naming what is wrong
     */
    static ChatBody parse(byte[] body) throws BadBody {
        if (body.length == 0) {
            throw new BadBody("request body is empty; send a JSON object with 'messages'");
        }
        Object root;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadBody("request body must be a JSON object");
            }
            root = value(parser, first);
            if (parser.nextToken() != null) {
                throw new BadBody("request body is not valid JSON: unexpected content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new BadBody("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadBody("request body could not be read: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> object)) {
            throw new BadBody("request body must be a JSON object");
        }
        return new ChatBody(user(object.get("user")), lastUserText(object.get("messages")), stream(object.get("stream")));
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> members = new HashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    members.put(name, value(parser, parser.nextToken()));
                }
                return members;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    items.add(value(parser, item));
                }
                return items;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return Other.NULL;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return Other.NUMBER;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static String user(Object user) throws BadBody {
        if (user == null || user == Other.NULL) {
            return "default";
        }
        if (!(user instanceof String text)) {
            throw new BadBody("'user' must be a string");
        }
        String name = UnicodeWhitespace.trim(text);
        if (name.codePointCount(0, name.length()) > MAX_USER_LENGTH) {
            throw new BadBody("'user' must be at most " + MAX_USER_LENGTH + " characters");
        }
        return name.isEmpty() ? "default" : name;
    }

    private static boolean stream(Object stream) throws BadBody {
        if (stream == null || stream == Other.NULL) {
            return false;
        }
        if (!(stream instanceof Boolean flag)) {
            throw new BadBody("'stream' must be a boolean");
        }
        return flag;
    }

    private static String lastUserText(Object messages) throws BadBody {
        if (!(messages instanceof List<?> list)) {
            throw new BadBody("'messages' must be an array of messages");
        }
        Map<?, ?> last = null;
        for (Object message : list) {
            if (!(message instanceof Map<?, ?> fields) || !(fields.get("role") instanceof String role)) {
                throw new BadBody("every message must be an object with a string 'role'");
            }
            if (role.equals("user")) {
                last = fields;
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

    private static String content(Object content) throws BadBody {
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof List<?> list)) {
            throw new BadBody("a message 'content' must be a string or an array of content parts");
        }
        List<String> parts = new ArrayList<>();
        for (Object part : list) {
            if (!(part instanceof Map<?, ?> fields)) {
                throw new BadBody("a content part must be an object");
            }
            if ("text".equals(fields.get("type"))) {
                if (!(fields.get("text") instanceof String text)) {
                    throw new BadBody("a text content part must have a string 'text'");
                }
                parts.add(text);
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
