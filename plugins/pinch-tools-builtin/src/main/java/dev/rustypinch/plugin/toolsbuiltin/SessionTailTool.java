package dev.rustypinch.plugin.toolsbuiltin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.JsonToken;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /tool session_tail [count]}: the last {@code count} stored messages of the current session
 * (default 5, at most 50) as the pretty JSON of SPEC §9.3, keys in alphabetical order.
 */
final class SessionTailTool implements Tool {
    static final String NAME = "session_tail";
    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 50;
    /** The parameters schema of SPEC §18.2. */
    static final String SCHEMA = "{\"properties\":{\"count\":{\"description\":\"How many of the latest messages to show"
            + " (default 5, at most 50).\",\"maximum\":50,\"minimum\":1,\"type\":\"integer\"}},\"type\":\"object\"}";

    /** The largest count accepted (Rusty Pinch parses it as a 64-bit unsigned integer). */
    private static final BigInteger MAX_PARSED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Show latest messages from current session.";
    }

    @Override
    public String usage() {
        return "/tool session_tail [count]";
    }

    @Override
    public Optional<String> parametersSchema() {
        return Optional.of(SCHEMA);
    }

    /** {@code {"count": n}}, {@code count} optional: the same rules as the text form's count. */
    @Override
    public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
        ObjectArguments arguments = ObjectArguments.parse(invocation.arguments());
        arguments.requireOnly(Set.of("count"), "session_tail takes only count");
        Optional<ObjectArguments.Member> count = arguments.get("count");
        if (count.isPresent() && count.get().token() != JsonToken.VALUE_NUMBER_INT) {
            throw new ToolException("count must be a positive integer");
        }
        return tail(count.isEmpty() ? DEFAULT_COUNT : parseCount(count.get().text()), context);
    }

    @Override
    public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
        return tail(parseCount(invocation.args()), context);
    }

    private static String tail(int count, ToolContext context) throws ToolException {
        List<SessionEntry> history = readHistory(context);
        List<SessionEntry> tail = history.subList(Math.max(0, history.size() - count), history.size());
        return render(context.sessionId(), tail, history.size());
    }

    /** Empty → 5; else an unsigned decimal (optional '+'), not 0, capped at 50. */
    static int parseCount(String args) throws ToolException {
        if (args.isEmpty()) {
            return DEFAULT_COUNT;
        }
        String digits = args.startsWith("+") ? args.substring(1) : args;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ToolException("count must be a positive integer");
        }
        BigInteger value = new BigInteger(digits);
        if (value.compareTo(MAX_PARSED) > 0) {
            throw new ToolException("count must be a positive integer");
        }
        if (value.signum() == 0) {
            throw new ToolException("count must be > 0");
        }
        return value.min(BigInteger.valueOf(MAX_COUNT)).intValueExact();
    }

    private static List<SessionEntry> readHistory(ToolContext context) throws ToolException {
        try {
            return context.history();
        } catch (IOException e) {
            throw new ToolException("cannot read the session history: " + e.getMessage(), e);
        }
    }

    static String render(String sessionId, List<SessionEntry> tail, int total) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart("messages");
            for (SessionEntry entry : tail) {
                json.writeStartObject();
                json.writeStringField("content", entry.content());
                json.writeStringField("role", entry.role());
                json.writeStringField("timestamp", entry.timestamp());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("returned_messages", tail.size());
            json.writeStringField("session_id", sessionId);
            json.writeNumberField("total_messages", total);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    /** Two-space indent, {@code "key": value}, one member or element per line, {@code []} when empty. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
