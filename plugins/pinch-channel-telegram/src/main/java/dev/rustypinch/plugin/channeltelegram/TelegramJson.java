package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The plugin's JSON on jackson-core's streaming parser and generator: Bot API answers and the offset file are read into
 * {@link JsonNode} trees, request bodies and the offset file written with a {@link JsonGenerator}. No
 * {@code ObjectMapper}: building one and its first tree read cost about 0.25 s of the worker's start-up, before its
 * first poll. Reading follows what {@code ObjectMapper.readTree} did here: the first value of the text counts
 * (anything after it is not read), integers become int, long or big-integer nodes by size, other numbers doubles, a
 * repeated key keeps its last value, and the parser's limits (nesting depth, number and string lengths) apply.
 * Writing escapes control characters with lowercase hex digits, as before. Never call {@link JsonNode#toString()} on
 * the trees: it builds an {@code ObjectMapper}.
 */
final class TelegramJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TelegramJson() {
    }

    /**
     * The JSON object at the start of {@code text}.
     *
     * @return empty when the text is not well-formed JSON, is empty, or its first value is not an object
     */
    static Optional<ObjectNode> readObject(String text) {
        requireNonNull(text, "text is null");
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            return Optional.of(object(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code {"chat_id":"…","text":"…"}}: the body of one {@code sendMessage} call. */
    static String sendMessageBody(String chatId, String text) {
        StringWriter out = new StringWriter(text.length() + 32);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("chat_id", chatId);
            json.writeStringField("text", text);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a sendMessage body", e);
        }
        return out.toString();
    }

    /**
     * The offset file's object (SPEC §12.4): {@code {"bot_id":"…","finished":[…],"offset":…,"updated_at":"…"}}, keys in
     * that order, {@code finished} only when not empty.
     */
    static String offsetFile(String botId, List<Long> finished, long offset, String updatedAt) {
        StringWriter out = new StringWriter(64 + finished.size() * 12);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("bot_id", botId);
            if (!finished.isEmpty()) {
                json.writeArrayFieldStart("finished");
                for (long id : finished) {
                    json.writeNumber(id);
                }
                json.writeEndArray();
            }
            json.writeNumberField("offset", offset);
            json.writeStringField("updated_at", updatedAt);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the telegram offset file", e);
        }
        return out.toString();
    }

    /** Reads the members of the object whose {@code START_OBJECT} was just read, up to its {@code END_OBJECT}. */
    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.replace(name, value(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token + " in an object");
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token));
        }
        return array;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }
}
