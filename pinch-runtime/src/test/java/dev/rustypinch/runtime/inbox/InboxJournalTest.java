package dev.rustypinch.runtime.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxJournalTest {
    @TempDir
    Path dataDir;

    private final RecordingEvents events = new RecordingEvents();
    private final List<InboxJournal> opened = new ArrayList<>();

    @AfterEach
    void closeJournals() {
        opened.forEach(InboxJournal::close);
    }

    private InboxJournal open() throws InboxJournalException {
        return open(InboxJournal.DEFAULT_COMPACT_AFTER);
    }

    private InboxJournal open(int compactAfter) throws InboxJournalException {
        InboxJournal journal = InboxJournal.open(dataDir, "whatsapp", events, compactAfter);
        opened.add(journal);
        return journal;
    }

    /** Closes and opens again, as a restart does. */
    private InboxJournal reopen(InboxJournal journal) throws InboxJournalException {
        journal.close();
        return open();
    }

    private static InboundMessage message(String chat, String text, String id) {
        return new InboundMessage("whatsapp", chat, chat, text, Optional.ofNullable(id));
    }

    private static long journaled(Admission admission) {
        return assertInstanceOf(Admission.Journaled.class, admission).sequence();
    }

    private static List<String> texts(List<JournalEntry> entries) {
        return entries.stream().map(entry -> entry.message().text()).toList();
    }

    private Path journalFile() {
        return dataDir.resolve("channels/whatsapp/inbox.jsonl");
    }

    @Test
    void unfinishedMessagesAreRecoveredAfterARestartInArrivalOrder() throws Exception {
        InboxJournal journal = open();
        long first = journaled(journal.admit(message("a", "one", "m1")));
        journaled(journal.admit(message("b", "two", null)));
        journaled(journal.admit(message("a", "three", "m3")));
        journal.finish(first);

        List<JournalEntry> recovered = reopen(journal).recover();

        assertEquals(List.of("two", "three"), texts(recovered));
        assertEquals(message("a", "three", "m3"), recovered.get(1).message());
        assertEquals(List.of(), events.events());
    }

    @Test
    void recordsAreCompactJsonLinesWithAlphabeticalKeys() throws Exception {
        InboxJournal journal = open();
        long sequence = journaled(journal.admit(message("a", "hi \"there\"", "m1")));
        journal.finish(sequence);

        List<String> lines = Files.readAllLines(journalFile(), StandardCharsets.UTF_8);

        assertEquals(List.of(
                "{\"channel\":\"whatsapp\",\"chat_id\":\"a\",\"message_id\":\"m1\",\"sender_id\":\"a\",\"seq\":0,"
                        + "\"text\":\"hi \\\"there\\\"\",\"type\":\"message\"}",
                "{\"seq\":0,\"type\":\"finished\"}"), lines);
    }

    @Test
    void resendOfAnUnfinishedMessageIsPendingOnItAlsoAfterARestart() throws Exception {
        InboxJournal journal = open();
        long sequence = journaled(journal.admit(message("a", "one", "m1")));

        assertEquals(new Admission.Pending(sequence), journal.admit(message("a", "one", "m1")));
        InboxJournal restarted = reopen(journal);
        restarted.recover();
        assertEquals(new Admission.Pending(sequence), restarted.admit(message("a", "one", "m1")));
    }

    @Test
    void resendOfAFinishedMessageIsRecognisedAlsoAfterARestart() throws Exception {
        InboxJournal journal = open();
        journal.finish(journaled(journal.admit(message("a", "one", "m1"))));

        assertEquals(new Admission.AlreadyFinished(), journal.admit(message("a", "one", "m1")));
        InboxJournal restarted = reopen(journal);
        assertEquals(List.of(), restarted.recover());
        assertEquals(new Admission.AlreadyFinished(), restarted.admit(message("a", "one", "m1")));
    }

    @Test
    void messagesWithoutIdAreNeverTakenForResends() throws Exception {
        InboxJournal journal = open();
        journal.finish(journaled(journal.admit(message("a", "same", null))));

        assertInstanceOf(Admission.Journaled.class, journal.admit(message("a", "same", null)));
    }

    @Test
    void secondWorkerOnTheSameJournalIsRefusedWithAClearError() throws Exception {
        open();

        InboxJournalException error = assertThrows(InboxJournalException.class, this::open);

        assertEquals("another 'whatsapp' worker is running on data directory " + dataDir + " (its inbox journal "
                + journalFile() + " is locked); stop that worker first, or give this one its own RUSTY_PINCH_DATA_DIR",
                error.getMessage());
    }

    @Test
    void closedJournalCanBeOpenedAgain() throws Exception {
        open().close();

        assertEquals(List.of(), open().recover());
    }

    @Test
    void entryReplayedThreeTimesWithoutFinishingIsQuarantinedWithAnEvent() throws Exception {
        InboxJournal journal = open();
        journaled(journal.admit(message("poison", "crash me", "p1")));
        journaled(journal.admit(message("fine", "ok", "f1")));
        for (int run = 1; run <= InboxJournal.MAX_REPLAYS; run++) {
            journal = reopen(journal);
            List<JournalEntry> recovered = journal.recover();
            assertEquals(List.of("crash me", "ok"), texts(recovered), "run " + run);
            journal.replayStarted(recovered.get(0).sequence());
        }

        journal = reopen(journal);
        List<JournalEntry> recovered = journal.recover();

        assertEquals(List.of("ok"), texts(recovered));
        assertEquals(List.of(new RecordingEvents.Event(InboxJournal.QUARANTINED_EVENT,
                Map.of("channel", "whatsapp", "session_id", "whatsapp:poison"))), events.events());
        assertEquals(new Admission.AlreadyFinished(), journal.admit(message("poison", "crash me", "p1")),
                "a resend of the quarantined message is not taken again");
        assertEquals(List.of("ok"), texts(reopen(journal).recover()));
    }

    @Test
    void queuedButNeverStartedEntriesAreNotCountedAsReplays() throws Exception {
        InboxJournal journal = open();
        journaled(journal.admit(message("a", "waiting", "w1")));
        for (int run = 0; run <= InboxJournal.MAX_REPLAYS + 1; run++) {
            journal = reopen(journal);
            assertEquals(List.of("waiting"), texts(journal.recover()), "run " + run);
        }
        assertEquals(List.of(), events.events());
    }

    @Test
    void tornAndCorruptLinesAreSkippedAndTheRestIsRecovered() throws Exception {
        InboxJournal journal = open();
        journaled(journal.admit(message("a", "one", "m1")));
        journal.close();
        Files.writeString(journalFile(), "not json\n{\"seq\":0,\"ty", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        InboxJournal restarted = open();
        journaled(restarted.admit(message("b", "two", "m2")));

        assertEquals(List.of("one", "two"), texts(reopen(restarted).recover()));
    }

    @Test
    void journalFilesAreReadableOnlyByTheOwnerAndItsDirectoriesAreTraversableOnlyByTheOwner() throws Exception {
        open().admit(message("a", "one", "m1"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journalFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("channels/whatsapp/inbox.lock"))));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("channels/whatsapp"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("channels"))));
    }

    @Test
    void compactionKeepsUnfinishedEntriesAndRecentIdsAndBoundsTheFile() throws Exception {
        InboxJournal journal = open(100);
        for (int i = 0; i < 5_000; i++) {
            long sequence = journaled(journal.admit(message("c" + i % 3, "m" + i, "id" + i)));
            if (i % 1000 != 7) {
                journal.finish(sequence);
            }
        }

        long lines = Files.readAllLines(journalFile(), StandardCharsets.UTF_8).size();
        assertTrue(lines < 3 * (InboxJournal.REMEMBERED_IDS + 10) + 100, "journal not compacted: " + lines + " lines");
        InboxJournal restarted = reopen(journal);
        assertEquals(List.of("m7", "m1007", "m2007", "m3007", "m4007"), texts(restarted.recover()));
        assertEquals(new Admission.AlreadyFinished(), restarted.admit(message("c0", "m4999", "id4999")));
        assertInstanceOf(Admission.Journaled.class, restarted.admit(message("c0", "m0", "id0")),
                "ids older than the last 1000 finished are forgotten");
    }

    @Test
    void leftoverOfACompactionCutShortIsIgnored() throws Exception {
        InboxJournal journal = open();
        journaled(journal.admit(message("a", "one", "m1")));
        journal.close();
        Files.writeString(dataDir.resolve("channels/whatsapp/inbox.jsonl.compacting"), "{\"channel\":\"whatsapp\",\"chat",
                StandardCharsets.UTF_8);

        assertEquals(List.of("one"), texts(open().recover()));
        assertFalse(Files.exists(dataDir.resolve("channels/whatsapp/inbox.jsonl.compacting")));
    }

    @Test
    void failedCompactionIsReportedAndTheJournalGoesOnWithNothingLost() throws Exception {
        InboxJournal journal = open();
        journaled(journal.admit(message("a", "one", "m1")));
        journal.close();
        Path blocker = dataDir.resolve("channels/whatsapp/inbox.jsonl.compacting");
        Files.createDirectories(blocker.resolve("in-the-way"));

        InboxJournal restarted = open();
        journaled(restarted.admit(message("b", "two", "m2")));
        Files.delete(blocker.resolve("in-the-way"));
        Files.delete(blocker);

        assertEquals(List.of("one", "two"), texts(reopen(restarted).recover()));
        assertEquals(1, events.named("channel_state_error").size(), events.events()::toString);
        assertTrue(events.named("channel_state_error").get(0).fields().get("error").toString()
                .startsWith("failed to compact inbox journal " + journalFile() + ": "));
    }

    @Test
    void killDuringCompactionLosesNothing() throws Exception {
        String text = "x".repeat(2_000);
        InboxJournal journal = open();
        for (int i = 0; i < 20_000; i++) {
            journal.admit(message("c" + i % 10, text + i, "id" + i));
        }
        journal.close();
        Path compacting = dataDir.resolve("channels/whatsapp/inbox.jsonl.compacting");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                JournalOpenProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(compacting) || Files.size(compacting) == 0) {
                assertTrue(child.isAlive(), "the child finished before it was seen compacting");
                assertTrue(System.nanoTime() < deadline, "the child never started compacting");
                Thread.sleep(1);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        List<JournalEntry> recovered = open().recover();

        assertEquals(20_000, recovered.size());
        assertEquals(text + 19_999, recovered.get(19_999).message().text());
    }

    @Test
    void writeAfterCloseIsIgnoredAndTheEntryStaysForTheNextStart() throws Exception {
        InboxJournal journal = open();
        long sequence = journaled(journal.admit(message("a", "one", "m1")));
        journal.close();

        journal.finish(sequence);

        assertEquals(List.of("one"), texts(open().recover()));
    }

}
