package dev.rustypinch.runtime.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §17.2 items 35 and 36: several processes sharing one data directory. */
class MultiProcessStorageTest {
    private static final int PROCESSES = 2;
    private static final int TURNS_EACH = 200;

    @TempDir
    Path dataDir;

    /** Runs {@link #PROCESSES} {@link TurnWriterProcess} children of {@code turnsEach} turns in {@code mode} to the end. */
    private void runChildren(String mode, int turnsEach) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path stderr = dataDir.resolve("child-" + p + ".err");
            errors.add(stderr);
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    TurnWriterProcess.class.getName(), dataDir.toString(), "p" + p, String.valueOf(turnsEach), mode)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            Process child = children.get(p);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child " + p + " did not finish");
            assertEquals(0, child.exitValue(), Files.readString(errors.get(p)));
            assertEquals("", Files.readString(errors.get(p)));
        }
    }

    private TelemetrySnapshot telemetry() throws CorruptTelemetryException {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, UTF_8);
        return new TelemetryStore(dataDir.resolve("telemetry/latest.json"), new EventWriter(quiet), Clock.systemUTC()).read();
    }

    @Test
    void workersWritingBehindTheirTurnsGiveExactTotalsOnceStopped() throws Exception {
        int turnsEach = 5_000;
        runChildren(TurnWriterProcess.BEHIND, turnsEach);

        TelemetrySnapshot snapshot = telemetry();
        assertEquals(PROCESSES * turnsEach, snapshot.totalTurns());
        assertEquals(PROCESSES * turnsEach, snapshot.okTurns());
        assertEquals(PROCESSES * turnsEach, snapshot.providerTurns());
        assertEquals(PROCESSES * turnsEach, snapshot.totalProviderAttempts());
        assertEquals(PROCESSES * turnsEach, snapshot.busPublished());
        assertEquals(PROCESSES * turnsEach, snapshot.busConsumed());
        assertEquals(List.of(), snapshot.workers(), "a stopped worker left its entry");
        assertEquals(2 * PROCESSES * turnsEach, new SessionStore(dataDir).load("shared").size());
    }

    @Test
    void concurrentProcessesLoseNoCountsAndWriteWholeAdjacentPairs() throws Exception {
        runChildren(TurnWriterProcess.BEFORE, TURNS_EACH);

        TelemetrySnapshot snapshot = telemetry();
        assertEquals(PROCESSES * TURNS_EACH, snapshot.totalTurns());
        assertEquals(PROCESSES * TURNS_EACH, snapshot.okTurns());
        assertEquals(PROCESSES * TURNS_EACH, snapshot.totalProviderAttempts());
        assertEquals(PROCESSES * TURNS_EACH, snapshot.busPublished());

        List<SessionEntry> entries = new SessionStore(dataDir).load("shared");
        assertEquals(2 * PROCESSES * TURNS_EACH, entries.size());
        Pattern userContent = Pattern.compile("u-(p\\d)-(\\d+)");
        Map<String, Integer> nextTurn = new HashMap<>();
        for (int i = 0; i < entries.size(); i += 2) {
            SessionEntry user = entries.get(i);
            SessionEntry assistant = entries.get(i + 1);
            Matcher matcher = userContent.matcher(user.content());
            assertTrue(user.role().equals("user") && matcher.matches(), user.toString());
            String tag = matcher.group(1);
            int turn = Integer.parseInt(matcher.group(2));
            assertEquals(nextTurn.getOrDefault(tag, 0), turn, "turns of " + tag + " out of order");
            nextTurn.put(tag, turn + 1);
            assertEquals(new SessionEntry("assistant", "a-" + tag + "-" + turn, assistant.timestamp()), assistant);
        }
        String raw = Files.readString(new SessionStore(dataDir).fileFor("shared"));
        assertEquals(2 * PROCESSES * TURNS_EACH, raw.split("\n", -1).length - 1);
    }
}
