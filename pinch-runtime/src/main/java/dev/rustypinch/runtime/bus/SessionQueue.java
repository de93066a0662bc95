package dev.rustypinch.runtime.bus;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.InboundMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One FIFO of not-yet-started messages that hands them out so that each session has at most one
 * message in progress, in arrival order, while other sessions' messages overtake a busy session.
 * Every operation is O(log n). Not thread safe: the bus guards it with its lock.
 */
final class SessionQueue {
    /** Every waiting message by arrival number. */
    private final NavigableMap<Long, QueuedMessage> waiting = new TreeMap<>();
    /** The waiting messages the overflow policy may drop (all but recovered ones), by arrival number. */
    private final NavigableMap<Long, QueuedMessage> droppable = new TreeMap<>();
    /** The waiting messages of each session, oldest first; no entry for a session with none. */
    private final Map<String, ArrayDeque<QueuedMessage>> bySession = new HashMap<>();
    /** Sessions that are not in progress and have waiting messages, by their oldest message's number. */
    private final NavigableMap<Long, String> startable = new TreeMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private long nextSequence;

    /** Waiting messages, not counting those in progress. */
    int size() {
        return waiting.size();
    }

    /** Waiting messages the overflow policy may drop: all but those added with {@link #addRecovered}. */
    int droppableSize() {
        return droppable.size();
    }

    /** Sessions with a message in progress. */
    int inProgressCount() {
        return inProgress.size();
    }

    boolean hasStartable() {
        return !startable.isEmpty();
    }

    void add(InboundMessage message, DeliveryListener listener) {
        QueuedMessage queued = append(message, listener);
        droppable.put(queued.sequence(), queued);
    }

    /** Adds a message recovered from the inbox journal: it waits like any other but is never {@link #removeOldest removed}. */
    void addRecovered(InboundMessage message, DeliveryListener listener) {
        append(message, listener);
    }

    private QueuedMessage append(InboundMessage message, DeliveryListener listener) {
        QueuedMessage queued = new QueuedMessage(nextSequence++, message.sessionId(), message, listener);
        waiting.put(queued.sequence(), queued);
        ArrayDeque<QueuedMessage> session = bySession.computeIfAbsent(queued.sessionId(), id -> new ArrayDeque<>());
        session.addLast(queued);
        if (session.size() == 1 && !inProgress.contains(queued.sessionId())) {
            startable.put(queued.sequence(), queued.sessionId());
        }
        return queued;
    }

    /** Removes the oldest droppable waiting message of any session; {@code null} when none waits. */
    QueuedMessage removeOldest() {
        Map.Entry<Long, QueuedMessage> oldest = droppable.pollFirstEntry();
        if (oldest == null) {
            return null;
        }
        QueuedMessage removed = oldest.getValue();
        waiting.remove(removed.sequence());
        ArrayDeque<QueuedMessage> session = bySession.get(removed.sessionId());
        if (session.peekFirst() != removed) {
            session.remove(removed);
        } else if (startable.remove(session.removeFirst().sequence()) != null && !session.isEmpty()) {
            startable.put(session.getFirst().sequence(), removed.sessionId());
        }
        if (session.isEmpty()) {
            bySession.remove(removed.sessionId());
        }
        return removed;
    }

    /**
     * Takes the oldest waiting message whose session is not in progress and marks its session in
     * progress until {@link #finish}; {@code null} when there is none.
     */
    QueuedMessage startNext() {
        Map.Entry<Long, String> next = startable.pollFirstEntry();
        if (next == null) {
            return null;
        }
        String sessionId = next.getValue();
        ArrayDeque<QueuedMessage> session = bySession.get(sessionId);
        QueuedMessage started = session.removeFirst();
        waiting.remove(started.sequence());
        droppable.remove(started.sequence());
        if (session.isEmpty()) {
            bySession.remove(sessionId);
        }
        inProgress.add(sessionId);
        return started;
    }

    /** Ends the session's message in progress, so its next waiting message can start. */
    void finish(String sessionId) {
        if (!inProgress.remove(sessionId)) {
            throw new IllegalStateException("session " + sessionId + " has no message in progress");
        }
        ArrayDeque<QueuedMessage> session = bySession.get(sessionId);
        if (session != null) {
            startable.put(session.getFirst().sequence(), sessionId);
        }
    }

    /** Removes every waiting message, oldest first. */
    List<QueuedMessage> removeAll() {
        List<QueuedMessage> removed = new ArrayList<>(waiting.values());
        waiting.clear();
        droppable.clear();
        bySession.clear();
        startable.clear();
        return removed;
    }
}
