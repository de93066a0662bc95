package dev.rustypinch.plugin.toolsmcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The name-prefix policy and usage lines of SPEC §19.2. */
final class ToolNames {
    static final int MAX_LENGTH = 64;
    private static final int SHORTENED_PREFIX = 55;

    private ToolNames() {
    }

    /**
     * {@code <server>_<tool>} lowercased, characters outside {@code a-z 0-9 _ -} replaced by {@code _}; over 64
     * characters: the first 55, {@code _}, and the first 8 hex digits of the SHA-256 of the unshortened name.
     */
    static String toolName(String server, String tool) {
        String raw = (server + "_" + tool).toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> name.append(isAllowed(c) ? (char) c : '_'));
        String full = name.toString();
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        return full.substring(0, SHORTENED_PREFIX) + "_" + sha256Hex(full).substring(0, 8);
    }

    /**
     * {@code /tool <name> {json}} followed by the argument names, required ones first with {@code *}, each group in
     * the schema's order, e.g. {@code /tool everything_get-sum {json} a*, b*}.
     */
    static String usage(String name, Map<String, Object> inputSchema) {
        StringBuilder usage = new StringBuilder("/tool ").append(name).append(" {json}");
        Object properties = inputSchema == null ? null : inputSchema.get("properties");
        if (!(properties instanceof Map<?, ?> props) || props.isEmpty()) {
            return usage.toString();
        }
        Object requiredValue = inputSchema.get("required");
        List<?> required = requiredValue instanceof List<?> list ? list : List.of();
        StringBuilder requiredNames = new StringBuilder();
        StringBuilder optionalNames = new StringBuilder();
        for (Object key : props.keySet()) {
            String argument = String.valueOf(key);
            if (required.contains(argument)) {
                append(requiredNames, argument + "*");
            } else {
                append(optionalNames, argument);
            }
        }
        usage.append(' ').append(requiredNames);
        if (requiredNames.length() > 0 && optionalNames.length() > 0) {
            usage.append(", ");
        }
        return usage.append(optionalNames).toString();
    }

    /** The description, else the title, else {@code MCP tool <tool> on <server>}; whitespace runs become one space. */
    static String description(String server, String tool, String description, String title) {
        String chosen = description != null && !description.isBlank() ? description
                : title != null && !title.isBlank() ? title : "MCP tool " + tool + " on " + server;
        return chosen.strip().replaceAll("\\s+", " ");
    }

    private static void append(StringBuilder names, String name) {
        if (names.length() > 0) {
            names.append(", ");
        }
        names.append(name);
    }

    private static boolean isAllowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
