package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A valid {@code META-INF/pinch/plugin.properties} (SPEC §15.2).
 *
 * @param name       {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param version    the plugin's version, non-empty
 * @param apiVersion the plugin API version it was built against
 */
record PluginDescriptor(String name, String version, ApiVersion apiVersion) {
    static final String NAME = "name";
    static final String VERSION = "version";
    static final String API_VERSION = "api.version";

    private static final List<String> KEYS = List.of(NAME, VERSION, API_VERSION);
    private static final Pattern NAME_FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    PluginDescriptor {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(apiVersion, "apiVersion is null");
        if (!NAME_FORM.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid plugin name '" + name + "'");
        }
        if (version.isEmpty()) {
            throw new IllegalArgumentException("version is empty");
        }
    }

    /**
     * The outcome of reading a descriptor: every problem found, and the name when exactly one valid
     * {@code name} entry was present (it identifies the plugin even when other keys are wrong).
     */
    record Parse(Optional<String> name, Optional<PluginDescriptor> descriptor, List<Problem> problems) {
        Parse {
            requireNonNull(name, "name is null");
            requireNonNull(descriptor, "descriptor is null");
            problems = List.copyOf(requireNonNull(problems, "problems is null"));
            if (descriptor.isPresent() != problems.isEmpty()) {
                throw new IllegalArgumentException("a parse has either a descriptor or problems");
            }
        }
    }

    /**
     * Reads a descriptor strictly, unlike {@link java.util.Properties}: UTF-8; one {@code key=value}
     * (or {@code key:value}) per line, key and value trimmed; blank lines and lines starting with
     * {@code #} or {@code !} are comments; no escapes or continuation lines. A line without a
     * separator, a missing, repeated or malformed {@code name}, {@code version} or
     * {@code api.version} is a problem; other keys are ignored.
     */
    static Parse parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Parse(Optional.empty(), Optional.empty(), List.of(Problem.descriptorSyntax("invalid UTF-8")));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = UnicodeWhitespace.trim(lines.get(i));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int separator = separatorIndex(line);
            if (separator <= 0) {
                problems.add(Problem.descriptorSyntax("line " + (i + 1) + " is not key=value"));
                continue;
            }
            String key = UnicodeWhitespace.trim(line.substring(0, separator));
            String value = UnicodeWhitespace.trim(line.substring(separator + 1));
            if (KEYS.contains(key) && values.putIfAbsent(key, value) != null) {
                repeated.add(key);
            }
        }
        Optional<String> name = checked(NAME, values, repeated, problems, NAME_FORM.asMatchPredicate()::test,
                "must be 1-64 characters from a-z, 0-9, _ and -, starting with a letter or digit");
        Optional<String> version = checked(VERSION, values, repeated, problems, value -> !value.isEmpty(),
                "must not be empty");
        Optional<ApiVersion> apiVersion = checked(API_VERSION, values, repeated, problems,
                value -> ApiVersion.parse(value).isPresent(), "must be <major>.<minor>, e.g. 1.0")
                .flatMap(ApiVersion::parse);
        if (!problems.isEmpty()) {
            return new Parse(name, Optional.empty(), problems);
        }
        PluginDescriptor descriptor = new PluginDescriptor(name.orElseThrow(), version.orElseThrow(),
                apiVersion.orElseThrow());
        return new Parse(name, Optional.of(descriptor), List.of());
    }

    private static Optional<String> checked(String key, Map<String, String> values, Set<String> repeated,
            List<Problem> problems, Predicate<String> valid, String rule) {
        String value = values.get(key);
        if (value == null) {
            problems.add(Problem.missingKey(key));
            return Optional.empty();
        }
        if (repeated.contains(key)) {
            problems.add(Problem.duplicateKey(key));
            return Optional.empty();
        }
        if (!valid.test(value)) {
            problems.add(Problem.invalidKey(key, value, rule));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The lines of {@code text}, split at CR LF, CR or LF (a regex split would compile a pattern per descriptor). */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }

    private static int separatorIndex(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
