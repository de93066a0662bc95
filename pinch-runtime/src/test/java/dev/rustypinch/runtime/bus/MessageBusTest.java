package dev.rustypinch.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageBusTest {
    private static final Duration LONG_BLOCK = Duration.ofSeconds(10);

    private final RecordingEvents events = new RecordingEvents();
    private final GatedHandler handler = new GatedHandler();
    private final List<MessageBus> buses = new ArrayList<>();

    @AfterEach
    void closeBuses() {
        buses.forEach(MessageBus::close);
    }

    private MessageBus bus(int capacity, OverflowPolicy policy, int workers, Duration blockTimeout, MessageHandler messageHandler) {
        MessageBus bus = new MessageBus(capacity, policy, workers, blockTimeout, events, messageHandler);
        buses.add(bus);
        return bus;
    }

    private MessageBus bus(int capacity, OverflowPolicy policy, int workers) {
        return bus(capacity, policy, workers, LONG_BLOCK, handler);
    }

    private static InboundMessage message(String chatId, String text) {
        return new InboundMessage("telegram", "u1", chatId, text, Optional.empty());
    }

    private static RecordingListener publish(MessageBus bus, String chatId, String text) {
        RecordingListener listener = new RecordingListener();
        assertTrue(bus.publish(message(chatId, text), listener), "publish of '" + text + "' was refused");
        return listener;
    }

    /** Starts a held message on the only free worker and waits until it runs. */
    private RecordingListener occupyWorker(MessageBus bus, String chatId, String text) throws InterruptedException {
        handler.hold(text);
        RecordingListener listener = publish(bus, chatId, text);
        handler.awaitEntered(text);
        return listener;
    }

    private static RecordingEvents.Event dropEvent(String policy, String sessionId) {
        return new RecordingEvents.Event("channel_message_dropped",
                Map.of("channel", "telegram", "policy", policy, "session_id", sessionId));
    }

    /** Publishes on a new thread and waits until it waits for space. */
    private static BlockedPublisher blockedPublisher(MessageBus bus, String chatId, String text) throws InterruptedException {
        BlockedPublisher publisher = new BlockedPublisher(bus, message(chatId, text));
        publisher.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (publisher.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "publisher never waited for space");
            Thread.sleep(1);
        }
        return publisher;
    }

    private static final class BlockedPublisher extends Thread {
        private final MessageBus bus;
        private final InboundMessage message;
        final RecordingListener listener = new RecordingListener();
        final AtomicBoolean accepted = new AtomicBoolean();

        BlockedPublisher(MessageBus bus, InboundMessage message) {
            super("test-publisher");
            this.bus = bus;
            this.message = message;
        }

        @Override
        public void run() {
            accepted.set(bus.publish(message, listener));
        }

        boolean finish() throws InterruptedException {
            join(5_000);
            assertFalse(isAlive(), "publisher still blocked");
            return accepted.get();
        }
    }

    @Test
    void messagesOfOneSessionRunOneAtATimeInArrivalOrder() throws InterruptedException {
        MessageBus bus = bus(400, OverflowPolicy.DROP_OLDEST, 4);
        List<String> chats = List.of("a", "b", "c", "d");
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (String chat : chats) {
                listeners.add(publish(bus, chat, chat + "-" + i));
            }
        }

        for (RecordingListener listener : listeners) {
            assertEquals(DeliveryOutcome.PROCESSED, listener.await());
        }

        for (String chat : chats) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(chat + "-" + i);
            }
            List<String> actual = handler.started().stream().filter(text -> text.startsWith(chat + "-")).collect(Collectors.toList());
            assertEquals(expected, actual);
        }
        assertEquals(0, handler.overlaps());
    }

    @Test
    void busySessionDoesNotHoldBackOtherSessions() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 2);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener a2 = publish(bus, "a", "a2");
        RecordingListener b1 = publish(bus, "b", "b1");

        assertEquals(DeliveryOutcome.PROCESSED, b1.await());
        assertEquals(List.of(), a2.outcomes());
        assertEquals(List.of("a1", "b1"), handler.started());

        handler.release("a1");
        assertEquals(DeliveryOutcome.PROCESSED, a1.await());
        assertEquals(DeliveryOutcome.PROCESSED, a2.await());
    }

    @Test
    void differentSessionsRunConcurrently() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 4);
        handler.hold("a1");
        handler.hold("b1");
        RecordingListener a1 = publish(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");

        handler.awaitEntered("a1");
        handler.awaitEntered("b1");

        handler.release("a1");
        handler.release("b1");
        assertEquals(DeliveryOutcome.PROCESSED, a1.await());
        assertEquals(DeliveryOutcome.PROCESSED, b1.await());
    }

    @Test
    void dropOldestDropsTheOldestWaitingMessageAndEnqueuesTheNewOne() throws InterruptedException {
        MessageBus bus = bus(2, OverflowPolicy.DROP_OLDEST, 1);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");
        RecordingListener c1 = publish(bus, "c", "c1");

        RecordingListener d1 = publish(bus, "d", "d1");

        assertEquals(List.of(DeliveryOutcome.DROPPED), b1.outcomes());
        assertEquals(List.of(dropEvent("drop_oldest", "telegram:b")), events.events());
        handler.release("a1");
        assertEquals(DeliveryOutcome.PROCESSED, a1.await());
        assertEquals(DeliveryOutcome.PROCESSED, c1.await());
        assertEquals(DeliveryOutcome.PROCESSED, d1.await());
        assertEquals(List.of("a1", "c1", "d1"), handler.started());
        assertEquals(List.of(DeliveryOutcome.DROPPED), b1.outcomes());
    }

    @Test
    void recoveredMessagesRunFirstInOrderAndAreNeverDroppedByTheOverflowPolicy() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.DROP_OLDEST, 1);
        handler.hold("r1");
        RecordingListener r1 = new RecordingListener();
        RecordingListener r2 = new RecordingListener();
        RecordingListener r3 = new RecordingListener();
        assertTrue(bus.enqueueRecovered(message("a", "r1"), r1));
        assertTrue(bus.enqueueRecovered(message("a", "r2"), r2));
        assertTrue(bus.enqueueRecovered(message("b", "r3"), r3));
        handler.awaitEntered("r1");

        RecordingListener n1 = publish(bus, "a", "n1");
        RecordingListener n2 = publish(bus, "c", "n2");

        assertEquals(List.of(DeliveryOutcome.DROPPED), n1.outcomes(), "a new message is dropped, never a recovered one");
        handler.release("r1");
        assertEquals(DeliveryOutcome.PROCESSED, r2.await());
        assertEquals(DeliveryOutcome.PROCESSED, r3.await());
        assertEquals(DeliveryOutcome.PROCESSED, n2.await());
        assertEquals(List.of("r1", "r2", "r3", "n2"), handler.started());
        assertEquals(List.of(DeliveryOutcome.PROCESSED), r1.outcomes());
    }

    @Test
    void recoveredMessagesDoNotCountTowardTheAcceptLimit() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_NEWEST, 1);
        bus.setAcceptLimit(1);
        RecordingListener recovered = new RecordingListener();
        assertTrue(bus.enqueueRecovered(message("a", "r1"), recovered));

        RecordingListener fresh = publish(bus, "b", "n1");

        assertEquals(DeliveryOutcome.PROCESSED, recovered.await());
        assertEquals(DeliveryOutcome.PROCESSED, fresh.await());
        assertFalse(bus.publish(message("c", "n2"), new RecordingListener()));
    }

    @Test
    void dropNewestDropsTheNewMessageBeforePublishReturns() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.DROP_NEWEST, 1);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");

        RecordingListener c1 = publish(bus, "c", "c1");

        assertEquals(List.of(DeliveryOutcome.DROPPED), c1.outcomes());
        assertEquals(List.of(dropEvent("drop_newest", "telegram:c")), events.events());
        handler.release("a1");
        assertEquals(DeliveryOutcome.PROCESSED, a1.await());
        assertEquals(DeliveryOutcome.PROCESSED, b1.await());
        assertEquals(List.of("a1", "b1"), handler.started());
    }

    @Test
    void blockWaitsForSpaceAndAdmitsTheMessageWhenSpaceFrees() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.BLOCK, 1);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");

        BlockedPublisher c1 = blockedPublisher(bus, "c", "c1");
        assertEquals(List.of(), c1.listener.outcomes());
        assertEquals(1, bus.depth());

        handler.release("a1");
        assertTrue(c1.finish());
        assertEquals(DeliveryOutcome.PROCESSED, a1.await());
        assertEquals(DeliveryOutcome.PROCESSED, b1.await());
        assertEquals(DeliveryOutcome.PROCESSED, c1.listener.await());
        assertEquals(0, bus.dropped());
        assertEquals(List.of(), events.events());
    }

    @Test
    void blockDropsTheNewMessageAfterTheTimeout() throws InterruptedException {
        Duration timeout = Duration.ofMillis(100);
        MessageBus bus = bus(1, OverflowPolicy.BLOCK, 1, timeout, handler);
        occupyWorker(bus, "a", "a1");
        publish(bus, "b", "b1");

        long start = System.nanoTime();
        RecordingListener c1 = publish(bus, "c", "c1");
        long waited = System.nanoTime() - start;

        assertTrue(waited >= timeout.toNanos(), "publish returned after " + waited + " ns");
        assertEquals(List.of(DeliveryOutcome.DROPPED), c1.outcomes());
        assertEquals(List.of(dropEvent("block", "telegram:c")), events.events());
        assertEquals(1, bus.dropped());
        handler.release("a1");
    }

    @Test
    void blockedPublisherIsDiscardedWhenTheBusStopsAccepting() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.BLOCK, 1);
        occupyWorker(bus, "a", "a1");
        publish(bus, "b", "b1");
        BlockedPublisher c1 = blockedPublisher(bus, "c", "c1");

        bus.stopAccepting();

        assertTrue(c1.finish());
        assertEquals(List.of(DeliveryOutcome.DISCARDED), c1.listener.outcomes());
        assertEquals(0, bus.dropped());
        assertEquals(List.of(), events.events());
        handler.release("a1");
    }

    @Test
    void countersTrackPublishedConsumedDroppedAndDepth() throws InterruptedException {
        MessageBus bus = bus(2, OverflowPolicy.DROP_NEWEST, 1);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        assertEquals(new BusCounters(1, 1, 0, 0), bus.totals());
        RecordingListener b1 = publish(bus, "b", "b1");
        RecordingListener c1 = publish(bus, "c", "c1");
        publish(bus, "d", "d1");

        assertEquals(new BusCounters(3, 1, 1, 2), bus.totals());
        assertEquals(3, bus.published());
        assertEquals(1, bus.consumed());
        assertEquals(1, bus.dropped());
        assertEquals(2, bus.depth());

        handler.release("a1");
        a1.await();
        b1.await();
        c1.await();
        assertEquals(new BusCounters(3, 3, 1, 0), bus.totals());
    }

    @Test
    void deltasCoverOnlyActivitySinceTheLastSnapshot() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        publish(bus, "a", "a1").await();
        publish(bus, "a", "a2").await();

        assertEquals(new BusCounters(2, 2, 0, 0), bus.snapshotAndResetDeltas());
        assertEquals(new BusCounters(0, 0, 0, 0), bus.snapshotAndResetDeltas());
        publish(bus, "b", "b1").await();
        assertEquals(new BusCounters(1, 1, 0, 0), bus.snapshotAndResetDeltas());
        assertEquals(new BusCounters(3, 3, 0, 0), bus.totals());
    }

    @Test
    void deltasReportTheCurrentDepthAndDrops() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.DROP_OLDEST, 1);
        occupyWorker(bus, "a", "a1");
        publish(bus, "b", "b1");
        publish(bus, "c", "c1");

        assertEquals(new BusCounters(3, 1, 1, 1), bus.snapshotAndResetDeltas());
        handler.release("a1");
    }

    @Test
    void restoredDeltasAreIncludedInTheNextSnapshot() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        publish(bus, "a", "a1").await();
        publish(bus, "a", "a2").await();
        BusCounters unflushed = bus.snapshotAndResetDeltas();

        bus.restoreDeltas(unflushed);
        publish(bus, "a", "a3").await();

        assertEquals(new BusCounters(3, 3, 0, 0), bus.snapshotAndResetDeltas());
    }

    @Test
    void restoringMoreThanWasTakenIsRejected() {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);

        assertThrows(IllegalArgumentException.class, () -> bus.restoreDeltas(new BusCounters(1, 0, 0, 0)));
    }

    @Test
    void publishIsRefusedOnceTheAcceptLimitIsReached() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        bus.setAcceptLimit(2);
        RecordingListener a1 = publish(bus, "a", "a1");
        RecordingListener a2 = publish(bus, "a", "a2");
        RecordingListener a3 = new RecordingListener();

        assertFalse(bus.publish(message("a", "a3"), a3));

        a1.await();
        a2.await();
        assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(List.of(), a3.outcomes());
        assertEquals(List.of("a1", "a2"), handler.started());
        assertEquals(2, bus.published());
    }

    @Test
    void droppedMessagesCountTowardTheAcceptLimit() throws InterruptedException {
        MessageBus bus = bus(1, OverflowPolicy.DROP_NEWEST, 1);
        bus.setAcceptLimit(3);
        occupyWorker(bus, "a", "a1");
        publish(bus, "b", "b1");
        RecordingListener c1 = publish(bus, "c", "c1");

        assertFalse(bus.publish(message("d", "d1"), new RecordingListener()));
        assertEquals(List.of(DeliveryOutcome.DROPPED), c1.outcomes());
        handler.release("a1");
    }

    @Test
    void acceptLimitMustBePositive() {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> bus.setAcceptLimit(0));

        assertEquals("accept limit must be at least 1, got 0", failure.getMessage());
    }

    @Test
    void publishIsRefusedAfterStopAccepting() {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        RecordingListener listener = new RecordingListener();

        bus.stopAccepting();

        assertFalse(bus.publish(message("a", "a1"), listener));
        assertEquals(List.of(), listener.outcomes());
        assertEquals(0, bus.published());
    }

    @Test
    void discardQueuedDiscardsWaitingMessagesWhileRunningOnesFinish() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");
        RecordingListener a2 = publish(bus, "a", "a2");
        bus.stopAccepting();

        bus.discardQueued();

        assertEquals(List.of(DeliveryOutcome.DISCARDED), b1.outcomes());
        assertEquals(List.of(DeliveryOutcome.DISCARDED), a2.outcomes());
        assertEquals(0, bus.depth());
        assertEquals(List.of(), a1.outcomes());
        handler.release("a1");
        assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(List.of(DeliveryOutcome.PROCESSED), a1.outcomes());
        assertEquals(List.of("a1"), handler.started());
    }

    @Test
    void awaitIdleGivesFalseWhileAHandlerRuns() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        occupyWorker(bus, "a", "a1");

        assertFalse(bus.awaitIdle(Duration.ofMillis(20)));
        handler.release("a1");
        assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
    }

    @Test
    void handlerExceptionStillCountsAsProcessedAndTheWorkerGoesOn() throws InterruptedException {
        List<String> handled = new CopyOnWriteArrayList<>();
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1, LONG_BLOCK, message -> {
            if (message.text().equals("boom")) {
                throw new java.io.IOException("provider exploded");
            }
            handled.add(message.text());
        });

        RecordingListener boom = publish(bus, "a", "boom");
        RecordingListener next = publish(bus, "a", "next");

        assertEquals(DeliveryOutcome.PROCESSED, boom.await());
        assertEquals(DeliveryOutcome.PROCESSED, next.await());
        assertEquals(List.of("next"), handled);
    }

    @Test
    void handlerErrorDoesNotKillTheWorker() throws InterruptedException {
        List<String> handled = new CopyOnWriteArrayList<>();
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1, LONG_BLOCK, message -> {
            if (message.text().equals("boom")) {
                throw new StackOverflowError("deep");
            }
            handled.add(message.text());
        });

        RecordingListener boom = publish(bus, "a", "boom");
        RecordingListener next = publish(bus, "b", "next");

        assertEquals(DeliveryOutcome.PROCESSED, boom.await());
        assertEquals(DeliveryOutcome.PROCESSED, next.await());
        assertEquals(List.of("next"), handled);
    }

    @Test
    void throwingListenerDoesNotStopTheSession() throws InterruptedException {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);
        assertTrue(bus.publish(message("a", "a1"), outcome -> {
            throw new IllegalStateException("listener bug");
        }));

        assertEquals(DeliveryOutcome.PROCESSED, publish(bus, "a", "a2").await());
        assertEquals(List.of("a1", "a2"), handler.started());
    }

    @Test
    void workersAreNamedNonDaemonThreads() throws InterruptedException {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 2, LONG_BLOCK, message -> threads.add(Thread.currentThread()));

        publish(bus, "a", "a1").await();

        Thread worker = threads.get(0);
        assertTrue(worker.getName().matches("bus-worker-[12]"), worker.getName());
        assertFalse(worker.isDaemon());
    }

    @Test
    void closeDiscardsWaitingMessagesWaitsForRunningOnesAndStopsTheWorkers() throws InterruptedException {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1, LONG_BLOCK, message -> {
            threads.add(Thread.currentThread());
            handler.handle(message);
        });
        RecordingListener a1 = occupyWorker(bus, "a", "a1");
        RecordingListener b1 = publish(bus, "b", "b1");
        Thread closer = new Thread(bus::close, "test-closer");

        closer.start();

        assertEquals(DeliveryOutcome.DISCARDED, b1.await());
        handler.release("a1");
        closer.join(5_000);
        assertFalse(closer.isAlive());
        assertEquals(List.of(DeliveryOutcome.PROCESSED), a1.outcomes());
        assertFalse(threads.get(0).isAlive());
        assertFalse(bus.publish(message("a", "a2"), new RecordingListener()));
    }

    @Test
    void closeIsIdempotent() {
        MessageBus bus = bus(10, OverflowPolicy.DROP_OLDEST, 1);

        bus.close();
        bus.close();

        assertFalse(bus.publish(message("a", "a1"), new RecordingListener()));
    }

    @Test
    void capacityBelowOneIsRejected() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new MessageBus(0, OverflowPolicy.DROP_OLDEST, 1, LONG_BLOCK, events, handler));

        assertEquals("bus capacity must be at least 1, got 0", failure.getMessage());
    }
}
