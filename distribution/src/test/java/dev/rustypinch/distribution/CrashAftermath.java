package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the kill tests check after a worker was killed and restarted (SPEC §22, §6.3): every message answered, few
 * duplicate answers, session files whole but for one torn line each.
 */
public final class CrashAftermath {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrashAftermath() {
    }

    /** How often each expected reply was sent. */
    public record Tally(Map<String, Integer> answers) {
        public Tally {
            answers = Map.copyOf(answers);
        }

        /** Counts {@code sent} against {@code expected}; a reply that was not expected fails the test. */
        public static Tally of(Collection<String> expected, List<String> sent) {
            Map<String, Integer> answers = new TreeMap<>();
            expected.forEach(reply -> answers.put(reply, 0));
            for (String reply : sent) {
                assertTrue(answers.containsKey(reply), () -> "unexpected reply " + reply);
                answers.merge(reply, 1, Integer::sum);
            }
            return new Tally(answers);
        }

        /** Expected replies never sent. */
        public List<String> lost() {
            return answers.entrySet().stream().filter(entry -> entry.getValue() == 0).map(Map.Entry::getKey).toList();
        }

        /** Replies sent more than once, each extra sending counted. */
        public int duplicates() {
            return answers.values().stream().mapToInt(count -> Math.max(0, count - 1)).sum();
        }
    }

    /**
     * Every session file under {@code sessionsDir} holds entries with {@code role}, {@code content} and
     * {@code timestamp}, but for at most one torn line (SPEC §6.3).
     *
     * @return how many session files there are
     */
    public static int assertSessionFilesWhole(Path sessionsDir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(sessionsDir)) {
            files = listing.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            List<String> torn = new ArrayList<>();
            for (String line : Files.readAllLines(file, UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                if (!isEntry(line)) {
                    torn.add(line);
                }
            }
            assertTrue(torn.size() <= 1, () -> file + " has more than one broken line: " + torn);
        }
        return files.size();
    }

    private static boolean isEntry(String line) {
        try {
            JsonNode entry = JSON.readTree(line);
            return entry.isObject() && entry.path("role").isTextual() && entry.path("content").isTextual()
                    && entry.path("timestamp").isTextual();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * The telemetry file (SPEC §10.2) is whole and counts at least {@code turns} successful turns: the turns of a run
     * that stopped gracefully are all written; those of a killed run may be partly missing.
     */
    public static void assertTelemetryReadable(Path telemetryFile, int turns) throws IOException {
        String text = Files.readString(telemetryFile, UTF_8);
        JsonNode telemetry = JSON.readTree(text);
        assertEquals(1, telemetry.path("schema_version").asInt(), text);
        assertTrue(telemetry.path("ok_turns").asLong() >= turns, () -> "fewer than " + turns + " ok turns: " + text);
    }
}
