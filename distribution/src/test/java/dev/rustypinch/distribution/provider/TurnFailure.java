package dev.rustypinch.distribution.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed {@code run} as printed: the message without its metrics suffix, the attempts and the latency.
 * {@link #of} checks the whole shape: exit 1, empty stdout, exactly one diagnostic line
 * {@code Error: request_id=<id>: <message> (attempts=<n>, latency_ms=<ms>)}, and a {@code turn} event that agrees.
 */
record TurnFailure(String message, long attempts, long latencyMs) {
    private static final Pattern ERROR_LINE = Pattern.compile(
            "Error: request_id=(rp-[0-9a-f]+-[0-9a-f]+): (.*) \\(attempts=(\\d+), latency_ms=(\\d+)\\)");

    static TurnFailure of(ProviderCli.Result result) {
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        List<String> diagnostics = result.diagnostics();
        assertEquals(1, diagnostics.size(), result::toString);
        Matcher line = ERROR_LINE.matcher(diagnostics.get(0));
        assertTrue(line.matches(), diagnostics.get(0));
        JsonNode turn = result.turn();
        assertEquals("error", turn.get("status").asText());
        assertEquals(line.group(1), turn.get("request_id").asText());
        assertEquals(diagnostics.get(0).substring(("Error: request_id=" + line.group(1) + ": ").length()),
                turn.get("error").asText());
        assertEquals(Long.parseLong(line.group(3)), turn.get("attempts").asLong());
        assertEquals(Long.parseLong(line.group(4)), turn.get("latency_ms").asLong());
        assertEquals(0, turn.get("response_chars").asLong());
        return new TurnFailure(line.group(2), Long.parseLong(line.group(3)), Long.parseLong(line.group(4)));
    }
}
