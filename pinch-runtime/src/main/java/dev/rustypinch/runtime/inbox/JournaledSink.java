package dev.rustypinch.runtime.inbox;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The sink a journaled channel publishes into (SPEC §22): each new message is appended to the {@link InboxJournal}
 * before it goes on to the bus ({@code next}), and finished in the journal when the bus reports it processed or
 * dropped; a discarded message (the worker stopped first) stays for the next start. A resend of a message the journal
 * holds unfinished ends when that message ends; a resend of a recently finished one ends at once as processed. Both
 * are left out of the bus. Thread safe.
 */
public final class JournaledSink implements InboundSink {
    private final InboxJournal journal;
    private final InboundSink next;
    /** Listeners of resends, by the entry they wait for. Guarded by {@code this}, which is never held during I/O. */
    private final Map<Long, List<DeliveryListener>> waiting = new HashMap<>();
    /** Recovered entries queued in this run, by message instance, until their turn starts. */
    private final Map<InboundMessage, Long> replaying = new IdentityHashMap<>();

    public JournaledSink(InboxJournal journal, InboundSink next) {
        this.journal = requireNonNull(journal, "journal is null");
        this.next = requireNonNull(next, "next is null");
    }

    @Override
    public boolean publish(InboundMessage message, DeliveryListener listener) {
        requireNonNull(message, "message is null");
        requireNonNull(listener, "listener is null");
        Admission admission = journal.admit(message);
        if (admission instanceof Admission.Journaled journaled) {
            return next.publish(message, outcome -> ended(journaled.sequence(), outcome, listener));
        }
        if (admission instanceof Admission.Pending pending && waitFor(pending.sequence(), listener)) {
            return true;
        }
        tell(listener, DeliveryOutcome.PROCESSED);
        return true;
    }

    /**
     * Attaches a resend's listener to the entry it repeats, unless that entry finished meanwhile. Checked under this
     * sink's lock, which {@link #ended} takes only after finishing the entry in the journal: so either the entry is
     * seen finished here, or the listener is attached before {@code ended} collects the listeners.
     */
    private synchronized boolean waitFor(long sequence, DeliveryListener listener) {
        if (!journal.isUnfinished(sequence)) {
            return false;
        }
        waiting.computeIfAbsent(sequence, key -> new ArrayList<>()).add(listener);
        return true;
    }

    /**
     * The listener for a recovered entry that the caller queues itself: it finishes the entry in the journal, then
     * tells {@code listener}. Until the entry's turn {@linkplain #starting starts}, the message is remembered as a
     * replay.
     */
    public synchronized DeliveryListener replay(JournalEntry entry, DeliveryListener listener) {
        requireNonNull(entry, "entry is null");
        requireNonNull(listener, "listener is null");
        replaying.put(entry.message(), entry.sequence());
        return outcome -> ended(entry.sequence(), outcome, listener);
    }

    /** Called as a message's turn starts: a replayed entry counts one more replay. */
    public void starting(InboundMessage message) {
        Long sequence;
        synchronized (this) {
            sequence = replaying.remove(message);
        }
        if (sequence != null) {
            journal.replayStarted(sequence);
        }
    }

    private void ended(long sequence, DeliveryOutcome outcome, DeliveryListener listener) {
        if (outcome != DeliveryOutcome.DISCARDED) {
            journal.finish(sequence);
        }
        List<DeliveryListener> resends;
        synchronized (this) {
            resends = waiting.remove(sequence);
        }
        tell(listener, outcome);
        if (resends != null) {
            resends.forEach(resend -> tell(resend, outcome));
        }
    }

    private static void tell(DeliveryListener listener, DeliveryOutcome outcome) {
        try {
            listener.finished(outcome);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(JournaledSink.class).warn("delivery listener failed ({})", outcome, e);
        }
    }
}
