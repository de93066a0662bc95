package dev.rustypinch.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The SPEC's JSON text (SPEC §0): compact (no whitespace between tokens) and pretty (two-space
 * indent, {@code "key": value}, one member or element per line, {@code []}/{@code {}} when empty,
 * no trailing newline). Strings escape {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n},
 * {@code \r}, {@code \t} and other characters below U+0020 as {@code \}{@code u00xx} (lowercase hex);
 * everything else, including {@code /}, U+007F and non-ASCII, is written raw.
 *
 * <p>Values are built from {@link java.util.Map} (written in iteration order: pass a
 * {@link java.util.TreeMap} for alphabetical keys, a {@link java.util.LinkedHashMap} for a declared
 * order), {@link java.util.List}, {@link String}, {@link Long}/{@link Integer}, {@link Boolean},
 * {@code null} and Jackson {@link com.fasterxml.jackson.databind.JsonNode}.
 */
public final class JsonText {
    private static final String NEWLINE = "\n";
    /**
     * Session lines have no size limit in the file format (a {@code /tool session_tail} reply quotes earlier replies, so
     * lines grow fast): Jackson's default 20,000,000-character string limit would make such a session unreadable.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private JsonText() {
    }

    /** The value as compact JSON, e.g. {@code {"a":1,"b":[true,null]}}. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    /** The value as pretty JSON, without a trailing newline. */
    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    /**
     * The shared, configured mapper for parsing (trailing tokens after the root value are an
     * error). Callers must not reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
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
}
