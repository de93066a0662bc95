package dev.rustypinch.distribution.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a file as systemd's {@code EnvironmentFile=} does (systemd.exec(5)), for single-line
 * values: blank lines, lines without {@code =} and lines starting with {@code #} or {@code ;} are
 * ignored; blanks around the name and the value are dropped; {@code '…'} is literal, {@code "…"}
 * unescapes {@code \" \\ \` \$} and keeps other backslashes, an unquoted value drops each escaping
 * backslash; invalid names are ignored; a later assignment wins. Multi-line values are refused.
 */
final class EnvironmentFile {
    private static final String BLANKS = " \t\r";

    private EnvironmentFile() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, UTF_8);
        for (int index = 0; index < lines.size(); index++) {
            String line = trim(lines.get(index));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.indexOf('=') < 0) {
                continue;
            }
            String name = trim(line.substring(0, line.indexOf('=')));
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            variables.put(name, value(trim(line.substring(line.indexOf('=') + 1)), file, index + 1));
        }
        return variables;
    }

    private static String value(String raw, Path file, int lineNumber) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        if (!quoted && (raw.startsWith("'") || raw.startsWith("\"") || raw.endsWith("\\"))) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": multi-line values are not supported");
        }
        String text = quoted ? raw.substring(1, raw.length() - 1) : raw;
        StringBuilder value = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                value.append(c);
                continue;
            }
            char next = text.charAt(++i);
            if (quoted && "\"\\`$".indexOf(next) < 0) {
                value.append('\\');
            }
            value.append(next);
        }
        return value.toString();
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && BLANKS.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && BLANKS.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
