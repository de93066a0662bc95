package dev.rustypinch.plugin.channelweb;

import dev.rustypinch.api.SessionEntry;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON this channel sends, with SPEC §0 escaping: compact objects whose keys the callers give in
 * alphabetical order, and the pretty session array of SPEC §6.4. Values are {@link String}, {@link Number},
 * {@link Boolean}, {@code null}, {@link Map} (insertion order) or {@link List}.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    static String compact(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value);
        return out.toString();
    }

    /** SPEC §6.4: a pretty array of entries with the fields {@code role}, {@code content}, {@code timestamp}. */
    static String prettyEntries(List<SessionEntry> entries) {
        if (entries.isEmpty()) {
            return "[]\n";
        }
        StringBuilder out = new StringBuilder(entries.size() * 96);
        out.append("[\n");
        for (int i = 0; i < entries.size(); i++) {
            SessionEntry entry = entries.get(i);
            out.append("  {\n    \"role\": ");
            string(out, entry.role());
            out.append(",\n    \"content\": ");
            string(out, entry.content());
            out.append(",\n    \"timestamp\": ");
            string(out, entry.timestamp());
            out.append(i + 1 < entries.size() ? "\n  },\n" : "\n  }\n");
        }
        return out.append("]\n").toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) member.getKey());
                out.append(':');
                write(out, member.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
