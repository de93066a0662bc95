package dev.rustypinch.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The SPEC's JSON text (SPEC §0): compact (no whitespace between tokens) and pretty (two-space
 * indent, {@code "key": value}, one member or element per line, {@code []}/{@code {}} when empty,
 * no trailing newline). Strings escape {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n},
 * {@code \r}, {@code \t} and other characters below U+0020 as {@code \}{@code u00xx} (lowercase hex);
 * everything else, including {@code /}, U+007F and non-ASCII, is written raw.
 *
 * <p>Values are built from {@link java.util.Map} (written in iteration order: pass a
 * {@link java.util.TreeMap} for alphabetical keys, a {@link java.util.LinkedHashMap} for a declared
 * order), {@link java.util.Collection}, {@link String}, numbers, {@link Boolean}, {@code null} and Jackson
 * {@link JsonNode}.
 *
 * <p>Reading and writing go through jackson-core's streaming parser and generator, with trees built by
 * {@link JsonNodeFactory}: Jackson's {@code ObjectMapper} costs tens of milliseconds to set up (its date format
 * starts the JDK's locale providers, its first tree read introspects deserializers), which every cold command and
 * every worker start would pay. Only a value of another type (none of the runtime's own) falls back to a mapper,
 * created on first use.
 */
public final class JsonText {
    private static final String NEWLINE = "\n";
    /**
     * Session lines have no size limit in the file format (a {@code /tool session_tail} reply quotes earlier replies, so
     * lines grow fast): Jackson's default 20,000,000-character string limit would make such a session unreadable.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final DefaultPrettyPrinter PRETTY = prettyPrinter();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonText() {
    }

    /** The value as compact JSON, e.g. {@code {"a":1,"b":[true,null]}}. */
    public static String compact(Object value) {
        return write(value, null);
    }

    /** The value as pretty JSON, without a trailing newline. */
    public static String pretty(Object value) {
        return write(value, PRETTY);
    }

    /**
     * The JSON value of the text as a tree: numbers are int, long or big-integer nodes by size and double nodes when
     * they have a fraction or exponent; a repeated object key keeps its last value; empty text (or only whitespace)
     * gives a missing node.
     *
     * @throws JsonProcessingException the text is not one JSON value (anything after the value is an error too)
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parse(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    /** Like {@link #parse(String)}, for UTF-8 (or UTF-16/32 with a byte-order mark, as Jackson detects) bytes. */
    public static JsonNode parse(byte[] content) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(content)) {
            return parse(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    /**
     * A streaming parser over the text with the runtime's read constraints (no string length limit), for readers that
     * take values apart without building trees. Root-level values may follow each other, separated by whitespace.
     */
    public static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    private static JsonNode parse(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return NODES.missingNode();
        }
        JsonNode value = value(parser, first);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after the value");
        }
        return value;
    }

    /** The value starting at the current token; nesting is bounded by the parser's constraints (depth 1,000). */
    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return integer(parser);
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "Unexpected token (" + token + ")");
        }
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        switch (parser.getNumberType()) {
            case INT:
                return NODES.numberNode(parser.getIntValue());
            case LONG:
                return NODES.numberNode(parser.getLongValue());
            default:
                return NODES.numberNode(parser.getBigIntegerValue());
        }
    }

    private static String write(Object value, DefaultPrettyPrinter pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (pretty != null) {
                generator.setPrettyPrinter(pretty.createInstance());
            }
            writeValue(generator, value);
        } catch (OtherType e) {
            return Fallback.write(value, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String) {
            out.writeString((String) value);
        } else if (value instanceof Map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new OtherType();
                }
                out.writeFieldName((String) entry.getKey());
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection) {
            out.writeStartArray();
            for (Object element : (Collection<?>) value) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double) {
            out.writeNumber((Double) value);
        } else if (value instanceof Float) {
            out.writeNumber((Float) value);
        } else if (value instanceof BigInteger) {
            out.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            out.writeNumber((BigDecimal) value);
        } else if (value instanceof JsonNode) {
            writeNode(out, (JsonNode) value);
        } else {
            throw new OtherType();
        }
    }

    private static void writeNode(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                out.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.writeFieldName(field.getKey());
                    writeNode(out, field.getValue());
                }
                out.writeEndObject();
                break;
            case ARRAY:
                out.writeStartArray();
                for (JsonNode element : node) {
                    writeNode(out, element);
                }
                out.writeEndArray();
                break;
            case STRING:
                out.writeString(node.textValue());
                break;
            case NUMBER:
                writeValue(out, node.numberValue());
                break;
            case BOOLEAN:
                out.writeBoolean(node.booleanValue());
                break;
            case NULL:
                out.writeNull();
                break;
            default:
                throw new OtherType();
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("")
                .withRootSeparator(NEWLINE);
        DefaultIndenter indenter = new DefaultIndenter("  ", NEWLINE);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    /** A value the streaming writer does not know: the whole value is written by a mapper instead. */
    private static final class OtherType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OtherType() {
            super(null, null, false, false);
        }
    }

    /** The databind mapper for values of other types, created on first use (never on the runtime's own paths). */
    private static final class Fallback {
        private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY.copy()).build();

        private Fallback() {
        }

        static String write(Object value, PrettyPrinter pretty) {
            try {
                return pretty == null ? MAPPER.writeValueAsString(value) : MAPPER.writer(pretty).writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
