package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MCP configuration file (SPEC §19.1): the common {@code {"mcpServers": {...}}} form, read strictly, every
 * problem collected and tied to its server so that one bad entry leaves the others usable.
 *
 * @param configuredPath  the path as configured ({@code RUSTY_PINCH_MCP_CONFIG}), for messages
 * @param fileProblem     a problem of the whole file (unreadable, not JSON, no {@code mcpServers} object)
 * @param enabledEntries  entries not marked {@code disabled}, valid or not ({@code mcp_servers} in doctor)
 * @param servers         the valid enabled servers, by name
 * @param serverProblems  the problems of each invalid enabled entry, by name (raw names as written)
 */
record McpConfig(String configuredPath, Optional<String> fileProblem, int enabledEntries,
                 SortedMap<String, ServerSpec> servers, SortedMap<String, List<String>> serverProblems) {
    static final long DEFAULT_TIMEOUT_SECS = 30;
    private static final long MAX_TIMEOUT_SECS = 3600;
    private static final Pattern SERVER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYS = Set.of("command", "args", "env", "cwd", "url", "headers", "disabled",
            "timeout_secs", "tools");

    McpConfig {
        requireNonNull(configuredPath, "configuredPath is null");
        requireNonNull(fileProblem, "fileProblem is null");
        servers = new TreeMap<>(requireNonNull(servers, "servers is null"));
        serverProblems = new TreeMap<>(requireNonNull(serverProblems, "serverProblems is null"));
    }

    /**
     * Reads and checks the file.
     *
     * @param configuredPath as configured, resolved by the caller to {@code file}
     * @param environment    the settings environment for {@code ${VAR}} (process env, then {@code .env})
     */
    static McpConfig read(String configuredPath, Path file, Function<String, Optional<String>> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return fileFailure(configuredPath, "cannot be read: no such file");
        } catch (AccessDeniedException e) {
            return fileFailure(configuredPath, "cannot be read: permission denied");
        } catch (IOException e) {
            return fileFailure(configuredPath, "cannot be read: " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            return fileFailure(configuredPath, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        JsonNode servers = root == null ? null : root.get("mcpServers");
        if (servers == null || !servers.isObject()) {
            return fileFailure(configuredPath, "needs a top-level \"mcpServers\" object");
        }
        int enabled = 0;
        SortedMap<String, ServerSpec> valid = new TreeMap<>();
        SortedMap<String, List<String>> problems = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = servers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isObject() && value.path("disabled").isBoolean() && value.get("disabled").asBoolean()) {
                continue;
            }
            enabled++;
            Entry parsed = new Entry(entry.getKey(), value, environment);
            Optional<ServerSpec> spec = parsed.parse();
            if (spec.isPresent()) {
                valid.put(entry.getKey(), spec.get());
            } else {
                problems.put(entry.getKey(), parsed.problems);
            }
        }
        return new McpConfig(configuredPath, Optional.empty(), enabled, valid, problems);
    }

    private static McpConfig fileFailure(String configuredPath, String problem) {
        return new McpConfig(configuredPath, Optional.of(problem), 0, new TreeMap<>(), new TreeMap<>());
    }

    /** Doctor warnings in SPEC order: the file's, then each server's in name order. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        fileProblem.ifPresent(problem -> warnings.add("MCP config " + configuredPath + ": " + problem));
        serverProblems.forEach((name, list) -> list.forEach(problem ->
                warnings.add("MCP server '" + name + "': " + problem)));
        return warnings;
    }

    /** One server entry being checked. */
    private static final class Entry {
        private final String name;
        private final JsonNode node;
        private final Function<String, Optional<String>> environment;
        private final List<String> problems = new ArrayList<>();

        Entry(String name, JsonNode node, Function<String, Optional<String>> environment) {
            this.name = name;
            this.node = node;
            this.environment = environment;
        }

        Optional<ServerSpec> parse() {
            if (!SERVER_NAME.matcher(name).matches()) {
                problems.add("invalid server name; use 1-32 characters from a-z, 0-9, _ and -, starting with a letter"
                        + " or digit");
            }
            if (!node.isObject()) {
                problems.add("must be a JSON object");
                return Optional.empty();
            }
            checkKeys();
            Optional<String> command = string("command", false);
            Optional<String> url = string("url", true).map(value -> value.trim());
            if (command.isPresent() && url.isPresent()) {
                problems.add("has both \"command\" (stdio) and \"url\" (Streamable HTTP); keep one");
            } else if (node.get("command") == null && node.get("url") == null) {
                problems.add("needs \"command\" (stdio) or \"url\" (Streamable HTTP)");
            }
            command.filter(String::isBlank).ifPresent(blank -> problems.add("\"command\" is empty"));
            url.filter(value -> !value.toLowerCase(Locale.ROOT).startsWith("http://")
                    && !value.toLowerCase(Locale.ROOT).startsWith("https://"))
                    .ifPresent(bad -> problems.add("\"url\" must start with http:// or https://"));
            List<String> args = strings("args");
            Map<String, String> env = stringMap("env");
            Optional<String> cwd = string("cwd", false);
            Map<String, String> headers = stringMap("headers");
            Duration timeout = Duration.ofSeconds(timeoutSeconds());
            Optional<Set<String>> allowlist = node.has("tools") ? Optional.of(new LinkedHashSet<>(strings("tools")))
                    : Optional.empty();
            JsonNode disabled = node.get("disabled");
            if (disabled != null && !disabled.isBoolean()) {
                problems.add("\"disabled\" must be true or false");
            }
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ServerSpec(name, command, url.isPresent() ? List.of() : args,
                    url.isPresent() ? Map.of() : env, cwd, url, command.isPresent() ? Map.of() : headers, timeout,
                    allowlist));
        }

        private void checkKeys() {
            node.fieldNames().forEachRemaining(key -> {
                if (KEYS.contains(key)) {
                    return;
                }
                KEYS.stream().filter(known -> closeTo(key, known)).sorted().findFirst()
                        .ifPresent(known -> problems.add("unknown key \"" + key + "\"; did you mean \"" + known + "\"?"));
            });
        }

        private long timeoutSeconds() {
            JsonNode value = node.get("timeout_secs");
            if (value == null) {
                return DEFAULT_TIMEOUT_SECS;
            }
            if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > MAX_TIMEOUT_SECS) {
                problems.add("\"timeout_secs\" must be a whole number from 1 to " + MAX_TIMEOUT_SECS);
                return DEFAULT_TIMEOUT_SECS;
            }
            return value.asLong();
        }

        private Optional<String> string(String key, boolean expand) {
            JsonNode value = node.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                problems.add("\"" + key + "\" must be a string");
                return Optional.empty();
            }
            return Optional.of(expand ? expand(value.asText(), key) : value.asText());
        }

        private List<String> strings(String key) {
            JsonNode value = node.get(key);
            List<String> result = new ArrayList<>();
            if (value == null) {
                return result;
            }
            if (!value.isArray()) {
                problems.add("\"" + key + "\" must be an array of strings");
                return result;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isTextual()) {
                    problems.add("\"" + key + "\"[" + i + "] must be a string");
                } else {
                    result.add(key.equals("args") ? expand(item.asText(), "args[" + i + "]") : item.asText());
                }
            }
            return result;
        }

        private Map<String, String> stringMap(String key) {
            JsonNode value = node.get(key);
            Map<String, String> result = new LinkedHashMap<>();
            if (value == null) {
                return result;
            }
            if (!value.isObject()) {
                problems.add("\"" + key + "\" must be an object of strings");
                return result;
            }
            value.fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual()) {
                    problems.add("\"" + key + "\"." + field.getKey() + " must be a string");
                } else {
                    result.put(field.getKey(), expand(field.getValue().asText(), key + "." + field.getKey()));
                }
            });
            return result;
        }

        /** Replaces each {@code ${NAME}}; an unknown or malformed name is a problem naming the place, never a value. */
        private String expand(String text, String where) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String variable = matcher.group(1);
                String value = "";
                if (!VARIABLE_NAME.matcher(variable).matches()) {
                    problems.add("malformed variable ${" + variable + "} in " + where);
                } else {
                    Optional<String> found = environment.apply(variable);
                    if (found.isEmpty()) {
                        problems.add("unknown variable ${" + variable + "} in " + where
                                + "; set it in the environment or the .env file");
                    }
                    value = found.orElse("");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }
    }

    /** Whether an unknown key looks like a typo of a known one (edit distance at most 2). */
    static boolean closeTo(String key, String known) {
        int[] previous = new int[known.length() + 1];
        int[] current = new int[known.length() + 1];
        for (int j = 0; j <= known.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= key.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= known.length(); j++) {
                int cost = key.charAt(i - 1) == known.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[known.length()] <= 2;
    }
}
