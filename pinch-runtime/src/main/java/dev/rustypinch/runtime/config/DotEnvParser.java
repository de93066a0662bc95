package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The strict, dotenvy 0.15 compatible {@code .env} parser of SPEC §2.3.
 *
 * <p>One statement per line ({@code KEY=value} or {@code export KEY=value}); quoted values may span
 * lines. Unquoted and double-quoted values substitute {@code $NAME} and {@code ${NAME}} from the
 * process environment, then from earlier values of the same file. The first occurrence of a key
 * wins. Errors name the 1-based line (and column where useful) but never echo the value.
 */
public final class DotEnvParser {
    private static final int BYTE_ORDER_MARK = 0xFEFF;
    private static final String ESCAPES = "only \\\\, \\', \\\", \\$, \\<space> and \\n are allowed";

    private final String text;
    private final Function<String, String> processLookup;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private DotEnvParser(String text, Function<String, String> processLookup) {
        this.text = text;
        this.processLookup = processLookup;
    }

    /**
     * Parses a whole file.
     *
     * @param content       the decoded file; a leading byte order mark is skipped
     * @param processLookup the process environment for substitution; returns {@code null} for unset
     * @return every key with the value of its first occurrence, in file order (unmodifiable)
     * @throws DotEnvException at the first malformed line
     */
    public static Map<String, String> parse(String content, Function<String, String> processLookup)
            throws DotEnvException {
        requireNonNull(content, "content is null");
        requireNonNull(processLookup, "processLookup is null");
        String text = !content.isEmpty() && content.codePointAt(0) == BYTE_ORDER_MARK ? content.substring(1) : content;
        DotEnvParser parser = new DotEnvParser(text, processLookup);
        while (!parser.atEnd()) {
            parser.statement();
        }
        return Collections.unmodifiableMap(parser.values);
    }

    private void statement() throws DotEnvException {
        skipBlanks();
        if (atEnd()) {
            return;
        }
        if (peek() == '#') {
            skipRestOfLine();
        } else if (peek() != '\n') {
            assignment();
        }
        consumeNewline();
    }

    private void assignment() throws DotEnvException {
        String key = key();
        skipBlanks();
        if (key.equals("export") && !atEnd() && peek() != '=') {
            key = key();
            skipBlanks();
        }
        if (atEnd() || peek() != '=') {
            throw error(line, "expected '=' after the variable name; lines must look like KEY=value");
        }
        advance();
        skipBlanks();
        String value;
        if (atEnd() || peek() == '\n' || peek() == '#') {
            value = "";
        } else {
            value = value(key);
        }
        skipRestOfLine();
        values.putIfAbsent(key, value);
    }

    private String key() throws DotEnvException {
        int start = pos;
        if (atEnd() || !isKeyStart(peek())) {
            throw error(line, "expected a variable name matching [A-Za-z_][A-Za-z0-9_.]* at column " + column());
        }
        while (!atEnd() && isKeyPart(peek())) {
            advance();
        }
        return text.substring(start, pos);
    }

    private String value(String key) throws DotEnvException {
        StringBuilder out = new StringBuilder();
        while (!atEnd() && peek() != '\n') {
            int c = peek();
            if (UnicodeWhitespace.isWhitespace(c)) {
                if (restOfLineIsBlank()) {
                    break;
                }
                if (c == ' ' || c == '\t') {
                    expectEndOfValue(key);
                    break;
                }
                out.appendCodePoint(c);
                advance();
            } else if (c == '\'') {
                advance();
                singleQuoted(key, out);
            } else if (c == '"') {
                advance();
                doubleQuoted(key, out);
            } else if (c == '\\') {
                advance();
                if (restOfLineIsBlank()) {
                    break;
                }
                escape(key, out);
            } else if (c == '$') {
                advance();
                substitute(key, out);
            } else {
                out.appendCodePoint(c);
                advance();
            }
        }
        return out.toString();
    }

    private void expectEndOfValue(String key) throws DotEnvException {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            advance();
        }
        if (atEnd() || peek() == '#' || restOfLineIsBlank()) {
            return;
        }
        throw error(line, "value of " + key + " continues after a space at column " + column()
                + "; quote values that contain spaces");
    }

    private void singleQuoted(String key, StringBuilder out) throws DotEnvException {
        int openLine = line;
        while (!atEnd()) {
            int c = peek();
            advance();
            if (c == '\'') {
                return;
            }
            out.appendCodePoint(c);
        }
        throw error(openLine, "value of " + key + " has an unterminated single quote");
    }

    private void doubleQuoted(String key, StringBuilder out) throws DotEnvException {
        int openLine = line;
        while (!atEnd()) {
            int c = peek();
            advance();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                escape(key, out);
            } else if (c == '$') {
                substitute(key, out);
            } else {
                out.appendCodePoint(c);
            }
        }
        throw error(openLine, "value of " + key + " has an unterminated double quote");
    }

    /** Reads the character after a backslash. */
    private void escape(String key, StringBuilder out) throws DotEnvException {
        int c = peek();
        switch (c) {
            case '\\', '\'', '"', '$', ' ' -> out.appendCodePoint(c);
            case 'n' -> out.append('\n');
            default -> throw error(line, "value of " + key + " has an unsupported escape at column " + (column() - 1)
                    + "; " + ESCAPES);
        }
        advance();
    }

    /** Reads a substitution after its {@code $}. */
    private void substitute(String key, StringBuilder out) throws DotEnvException {
        int start;
        String name;
        if (!atEnd() && peek() == '{') {
            int openLine = line;
            int openColumn = column() - 1;
            advance();
            start = pos;
            while (!atEnd() && peek() != '}') {
                if (peek() == '\n') {
                    break;
                }
                advance();
            }
            if (atEnd() || peek() != '}') {
                throw error(openLine, "value of " + key + " has an unclosed '${' at column " + openColumn);
            }
            name = text.substring(start, pos);
            advance();
        } else {
            start = pos;
            while (!atEnd() && isAlphanumeric(peek())) {
                advance();
            }
            name = text.substring(start, pos);
        }
        out.append(lookup(name));
    }

    private String lookup(String name) {
        if (name.isEmpty()) {
            return "";
        }
        String fromProcess = processLookup.apply(name);
        if (fromProcess != null) {
            return fromProcess;
        }
        return values.getOrDefault(name, "");
    }

    /** Rust's {@code char::is_alphanumeric}: Unicode Alphabetic or Numeric. */
    private static boolean isAlphanumeric(int c) {
        if (Character.isAlphabetic(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isKeyStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isKeyPart(int c) {
        return isKeyStart(c) || (c >= '0' && c <= '9') || c == '.';
    }

    private boolean restOfLineIsBlank() {
        int i = pos;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '\n') {
                return true;
            }
            if (!UnicodeWhitespace.isWhitespace(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** Skips whitespace other than the line feed. */
    private void skipBlanks() {
        while (!atEnd() && peek() != '\n' && UnicodeWhitespace.isWhitespace(peek())) {
            advance();
        }
    }

    private void skipRestOfLine() {
        while (!atEnd() && peek() != '\n') {
            advance();
        }
    }

    private void consumeNewline() {
        if (!atEnd() && peek() == '\n') {
            advance();
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private int peek() {
        return text.codePointAt(pos);
    }

    private void advance() {
        int c = text.codePointAt(pos);
        pos += Character.charCount(c);
        if (c == '\n') {
            line++;
            lineStart = pos;
        }
    }

    /** The 1-based column of the current position, in code points. */
    private int column() {
        return text.codePointCount(lineStart, pos) + 1;
    }

    private static DotEnvException error(int line, String reason) {
        return new DotEnvException(line, reason);
    }
}
