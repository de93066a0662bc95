package dev.rustypinch.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MessageHandler} that records the order in which texts start, checks that no session runs
 * two messages at once, and holds messages whose text was {@link #hold held} until released.
 */
final class GatedHandler implements MessageHandler {
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> threadNames = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runningBySession = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();

    /** Makes the message with this text wait in the handler until {@link #release}. */
    void hold(String text) {
        gates.put(text, new CountDownLatch(1));
        entered.put(text, new CountDownLatch(1));
    }

    void release(String text) {
        gates.get(text).countDown();
    }

    /** Waits until the held message with this text is inside the handler. */
    void awaitEntered(String text) throws InterruptedException {
        assertTrue(entered.get(text).await(5, TimeUnit.SECONDS), "'" + text + "' did not start within 5 s");
    }

    @Override
    public void handle(InboundMessage message) throws Exception {
        AtomicInteger running = runningBySession.computeIfAbsent(message.sessionId(), id -> new AtomicInteger());
        if (running.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            started.add(message.text());
            threadNames.add(Thread.currentThread().getName());
            CountDownLatch gate = gates.get(message.text());
            if (gate != null) {
                entered.get(message.text()).countDown();
                assertTrue(gate.await(10, TimeUnit.SECONDS), "'" + message.text() + "' was never released");
            }
            Thread.yield();
        } finally {
            running.decrementAndGet();
        }
    }

    List<String> started() {
        return List.copyOf(started);
    }

    List<String> threadNames() {
        return List.copyOf(threadNames);
    }

    /** How often a message started while another message of its session was running. */
    int overlaps() {
        return overlaps.get();
    }
}
