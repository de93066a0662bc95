package dev.rustypinch.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.InboundMessage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SessionQueueTest {
    private final SessionQueue queue = new SessionQueue();

    private void add(String chatId, String text) {
        queue.add(new InboundMessage("telegram", "u1", chatId, text, Optional.empty()), outcome -> { });
    }

    private static String text(QueuedMessage message) {
        return message == null ? null : message.message().text();
    }

    @Test
    void startNextSkipsSessionsInProgress() {
        add("a", "a1");
        add("a", "a2");
        add("b", "b1");

        assertEquals("a1", text(queue.startNext()));
        assertEquals("b1", text(queue.startNext()));
        assertNull(queue.startNext());
        assertEquals(1, queue.size());
        assertEquals(2, queue.inProgressCount());
    }

    @Test
    void finishLetsTheSessionsNextMessageStart() {
        add("a", "a1");
        add("b", "b1");
        add("a", "a2");
        add("b", "b2");
        queue.startNext();
        queue.startNext();

        queue.finish("telegram:b");

        assertEquals("b2", text(queue.startNext()));
        queue.finish("telegram:a");
        assertEquals("a2", text(queue.startNext()));
        assertNull(queue.startNext());
    }

    @Test
    void removeOldestTakesTheOldestWaitingMessageOfAnySession() {
        add("a", "a1");
        queue.startNext();
        add("a", "a2");
        add("b", "b1");

        assertEquals("a2", text(queue.removeOldest()));

        queue.finish("telegram:a");
        assertEquals("b1", text(queue.startNext()));
        assertNull(queue.startNext());
        assertEquals(0, queue.size());
    }

    @Test
    void removeOldestKeepsTheSessionsNextMessageInArrivalOrder() {
        add("a", "a1");
        add("a", "a2");
        add("b", "b1");

        queue.removeOldest();

        assertEquals("a2", text(queue.startNext()));
        assertEquals("b1", text(queue.startNext()));
    }

    @Test
    void removeOldestOnAnEmptyQueueGivesNull() {
        assertNull(queue.removeOldest());
    }

    @Test
    void removeAllReturnsWaitingMessagesOldestFirstAndEmptiesTheQueue() {
        add("a", "a1");
        queue.startNext();
        add("b", "b1");
        add("a", "a2");
        add("c", "c1");

        List<String> removed = queue.removeAll().stream().map(SessionQueueTest::text).collect(Collectors.toList());

        assertEquals(List.of("b1", "a2", "c1"), removed);
        assertEquals(0, queue.size());
        queue.finish("telegram:a");
        assertNull(queue.startNext());
    }

    @Test
    void finishingASessionWithoutAMessageInProgressIsAnError() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> queue.finish("telegram:a"));

        assertEquals("session telegram:a has no message in progress", failure.getMessage());
    }
}
