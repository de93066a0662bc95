package dev.rustypinch.runtime.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledSinkTest {
    @TempDir
    Path dataDir;

    private InboxJournal journal;
    private final List<InboundMessage> published = new ArrayList<>();
    private final List<DeliveryListener> listeners = new ArrayList<>();
    private final List<String> journalAtPublish = new ArrayList<>();
    private boolean accepting = true;

    /** A bus stand-in that keeps each listener for the test to call and notes what the journal held at publish. */
    private final InboundSink bus = (message, listener) -> {
        if (!accepting) {
            return false;
        }
        try {
            journalAtPublish.add(Files.readString(dataDir.resolve("channels/whatsapp/inbox.jsonl"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        published.add(message);
        listeners.add(listener);
        return true;
    };

    @BeforeEach
    void openJournal() throws InboxJournalException {
        journal = InboxJournal.open(dataDir, "whatsapp", new RecordingEvents());
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    private List<String> recoveredAfterRestart() throws InboxJournalException {
        journal.close();
        journal = InboxJournal.open(dataDir, "whatsapp", new RecordingEvents());
        return journal.recover().stream().map(entry -> entry.message().text()).toList();
    }

    private static InboundMessage message(String text, String id) {
        return new InboundMessage("whatsapp", "a", "a", text, Optional.ofNullable(id));
    }

    private static final class Outcomes implements DeliveryListener {
        final List<DeliveryOutcome> told = new CopyOnWriteArrayList<>();

        @Override
        public void finished(DeliveryOutcome outcome) {
            told.add(outcome);
        }
    }

    @Test
    void messageIsJournaledBeforeTheBusSeesIt() {
        JournaledSink sink = new JournaledSink(journal, bus);

        assertTrue(sink.publish(message("hello", "m1"), new Outcomes()));

        assertTrue(journalAtPublish.get(0).contains("\"text\":\"hello\""), journalAtPublish.get(0));
    }

    @Test
    void processedAndDroppedMessagesAreFinishedAndDiscardedOnesStayForTheNextStart() throws Exception {
        JournaledSink sink = new JournaledSink(journal, bus);
        Outcomes outcomes = new Outcomes();
        sink.publish(message("processed", "m1"), outcomes);
        sink.publish(message("dropped", "m2"), outcomes);
        sink.publish(message("discarded", "m3"), outcomes);

        listeners.get(0).finished(DeliveryOutcome.PROCESSED);
        listeners.get(1).finished(DeliveryOutcome.DROPPED);
        listeners.get(2).finished(DeliveryOutcome.DISCARDED);

        assertEquals(List.of(DeliveryOutcome.PROCESSED, DeliveryOutcome.DROPPED, DeliveryOutcome.DISCARDED), outcomes.told);
        assertEquals(List.of("discarded"), recoveredAfterRestart());
    }

    @Test
    void resendOfAMessageInFlightIsNotPublishedAndEndsWithIt() {
        JournaledSink sink = new JournaledSink(journal, bus);
        Outcomes original = new Outcomes();
        Outcomes resend = new Outcomes();
        sink.publish(message("hello", "m1"), original);

        assertTrue(sink.publish(message("hello", "m1"), resend));
        assertEquals(List.of(), resend.told);
        listeners.get(0).finished(DeliveryOutcome.PROCESSED);

        assertEquals(1, published.size());
        assertEquals(List.of(DeliveryOutcome.PROCESSED), original.told);
        assertEquals(List.of(DeliveryOutcome.PROCESSED), resend.told);
    }

    @Test
    void resendOfAFinishedMessageEndsAtOnceWithoutATurn() {
        JournaledSink sink = new JournaledSink(journal, bus);
        sink.publish(message("hello", "m1"), new Outcomes());
        listeners.get(0).finished(DeliveryOutcome.PROCESSED);
        Outcomes resend = new Outcomes();

        assertTrue(sink.publish(message("hello", "m1"), resend));

        assertEquals(1, published.size());
        assertEquals(List.of(DeliveryOutcome.PROCESSED), resend.told);
    }

    @Test
    void messageTheBusRefusesStaysForTheNextStart() throws Exception {
        JournaledSink sink = new JournaledSink(journal, bus);
        accepting = false;

        assertFalse(sink.publish(message("late", "m9"), new Outcomes()));

        assertEquals(List.of("late"), recoveredAfterRestart());
    }

    @Test
    void replayedEntryCountsAReplayOnlyWhenItsTurnStarts() throws Exception {
        new JournaledSink(journal, bus).publish(message("again", "m1"), new Outcomes());
        journal.close();
        journal = InboxJournal.open(dataDir, "whatsapp", new RecordingEvents());
        JournaledSink sink = new JournaledSink(journal, bus);
        JournalEntry entry = journal.recover().get(0);
        Outcomes outcomes = new Outcomes();
        DeliveryListener listener = sink.replay(entry, outcomes);

        sink.starting(entry.message());
        listener.finished(DeliveryOutcome.DISCARDED);

        journal.close();
        journal = InboxJournal.open(dataDir, "whatsapp", new RecordingEvents());
        assertEquals(1, journal.recover().get(0).replays());
        assertEquals(List.of(DeliveryOutcome.DISCARDED), outcomes.told);
    }
}
