package dev.rustypinch.distribution.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a systemd unit file: {@code [Section]} headers and {@code Key=Value} lines;
 * blank lines and {@code #}/{@code ;} comments skipped; a key may repeat.
 */
record SystemdUnit(Path file, Map<String, List<String>> settings) {
    SystemdUnit {
        requireNonNull(file, "file is null");
        settings = Map.copyOf(settings);
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(file, UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                section = trimmed.substring(1, trimmed.length() - 1);
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                continue;
            }
            settings.computeIfAbsent(section + "." + trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return new SystemdUnit(file, settings);
    }

    /** Every value of {@code key} in {@code [Service]}, in order; empty when unset. */
    List<String> serviceValues(String key) {
        return List.copyOf(settings.getOrDefault("Service." + key, List.of()));
    }

    /** The one value of {@code key} in {@code [Service]}. */
    String service(String key) {
        List<String> values = serviceValues(key);
        if (values.size() != 1) {
            throw new IllegalStateException(file + ": expected one Service " + key + "=, found " + values);
        }
        return values.get(0);
    }
}
