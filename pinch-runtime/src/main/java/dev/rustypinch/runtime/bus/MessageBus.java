package dev.rustypinch.runtime.bus;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message bus of a channel worker (SPEC §11): one bounded FIFO of inbound messages consumed by
 * a pool of named worker threads that the bus owns. Messages of one session run strictly one at a
 * time in arrival order; different sessions run concurrently, and a busy session never holds back
 * another session's messages.
 *
 * <p>Every accepted message gets exactly one {@link DeliveryListener} call: {@code PROCESSED}
 * after the handler returned or threw, {@code DROPPED} on overflow (with a
 * {@code channel_message_dropped} event), or {@code DISCARDED} when the bus stopped before it
 * started. Listeners and events are called outside the bus lock.
 *
 * <p>Stop sequence: {@link #stopAccepting()}, {@link #discardQueued()},
 * {@link #awaitIdle(Duration)}, {@link #close()}.
 */
public final class MessageBus implements InboundSink, AutoCloseable {
    /** SPEC §11.1: the worker pool size. */
    public static final int DEFAULT_WORKERS = 4;
    /** SPEC §11.2: how long a {@code block} publisher waits for space. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(5);
    /** The event written for each overflow drop (SPEC §10.5). */
    public static final String DROPPED_EVENT = "channel_message_dropped";

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final int capacity;
    private final OverflowPolicy policy;
    private final Duration blockTimeout;
    private final EventSink events;
    private final MessageHandler handler;
    private final List<Thread> workers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition spaceAvailable = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final SessionQueue queue = new SessionQueue();
    private boolean accepting = true;
    private boolean closed;
    private long acceptLimit = Long.MAX_VALUE;
    private long accepted;
    private long published;
    private long consumed;
    private long dropped;
    private long flushedPublished;
    private long flushedConsumed;
    private long flushedDropped;

    /**
     * Creates the bus and starts its worker threads ({@code bus-worker-1} …, not daemons).
     *
     * @param capacity     the most messages waiting at once (running ones not counted), at least 1
     * @param policy       what a full bus does with a new message
     * @param workers      the worker threads, normally {@link #DEFAULT_WORKERS}
     * @param blockTimeout how long a {@link OverflowPolicy#BLOCK} publisher waits, normally
     *                     {@link #DEFAULT_BLOCK_TIMEOUT}
     * @param events       where {@code channel_message_dropped} goes
     * @param handler      runs each message's turn and reply
     */
    public MessageBus(int capacity, OverflowPolicy policy, int workers, Duration blockTimeout, EventSink events,
                      MessageHandler handler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("bus capacity must be at least 1, got " + capacity);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("bus workers must be at least 1, got " + workers);
        }
        requireNonNull(blockTimeout, "blockTimeout is null");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("bus block timeout must not be negative, got " + blockTimeout);
        }
        this.capacity = capacity;
        this.policy = requireNonNull(policy, "policy is null");
        this.blockTimeout = blockTimeout;
        this.events = requireNonNull(events, "events is null");
        this.handler = requireNonNull(handler, "handler is null");
        List<Thread> threads = new ArrayList<>(workers);
        for (int i = 1; i <= workers; i++) {
            Thread thread = new Thread(this::work, "bus-worker-" + i);
            thread.setDaemon(false);
            threads.add(thread);
        }
        this.workers = List.copyOf(threads);
        this.workers.forEach(Thread::start);
    }

    /**
     * Offers a message (SPEC §11.2). With a full bus, {@code drop_oldest} drops the oldest waiting
     * message, {@code drop_newest} drops this one (the listener is called before this returns), and
     * {@code block} waits up to the block timeout for space, then drops this one. A {@code block}
     * publisher whose wait ends because the bus stopped accepting or its thread was interrupted
     * gets {@code DISCARDED}.
     *
     * @return {@code false}, without calling the listener, after {@link #stopAccepting()} or once
     *         the accept limit is reached; otherwise {@code true}
     */
    @Override
    public boolean publish(InboundMessage message, DeliveryListener listener) {
        requireNonNull(message, "message is null");
        requireNonNull(listener, "listener is null");
        Optional<Ending> ended;
        lock.lock();
        try {
            if (!accepting || accepted >= acceptLimit) {
                return false;
            }
            accepted++;
            ended = admit(message, listener);
        } finally {
            lock.unlock();
        }
        ended.ifPresent(this::finishWithoutRunning);
        return true;
    }

    /**
     * Queues a message recovered from the inbox journal (SPEC §22) before the channel starts: it bypasses the overflow
     * policy (never dropped, takes no room from new messages) and the accept limit, and runs in queue order like any
     * other message.
     *
     * @return {@code false}, without calling the listener, after {@link #stopAccepting()}; otherwise {@code true}
     */
    public boolean enqueueRecovered(InboundMessage message, DeliveryListener listener) {
        requireNonNull(message, "message is null");
        requireNonNull(listener, "listener is null");
        lock.lock();
        try {
            if (!accepting) {
                return false;
            }
            queue.addRecovered(message, listener);
            published++;
            if (queue.hasStartable()) {
                workAvailable.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting after {@code limit} accepted publishes in total (for {@code --max-messages});
     * dropped messages count too.
     */
    public void setAcceptLimit(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("accept limit must be at least 1, got " + limit);
        }
        lock.lock();
        try {
            acceptLimit = limit;
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@link #publish} returns {@code false}; waiting {@code block} publishers get {@code DISCARDED}. */
    public void stopAccepting() {
        lock.lock();
        try {
            accepting = false;
            spaceAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every message not yet started; each listener gets {@code DISCARDED}. Running ones go on. */
    public void discardQueued() {
        List<QueuedMessage> discarded;
        lock.lock();
        try {
            discarded = queue.removeAll();
            spaceAvailable.signalAll();
            signalIfIdle();
        } finally {
            lock.unlock();
        }
        discarded.forEach(message -> tell(message, DeliveryOutcome.DISCARDED));
    }

    /**
     * Waits until no handler runs and no message waits (after {@link #discardQueued()}: until the
     * running handlers finished and their listeners were called).
     *
     * @return whether the bus became idle in time; {@code false} too if the thread was interrupted
     */
    public boolean awaitIdle(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (!isIdle()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Messages enqueued since the bus was created. */
    public long published() {
        return totals().published();
    }

    /** Messages taken by a worker since the bus was created. */
    public long consumed() {
        return totals().consumed();
    }

    /** Messages dropped on overflow since the bus was created. */
    public long dropped() {
        return totals().dropped();
    }

    /** Messages waiting now, not counting running ones. */
    public int depth() {
        return totals().depth();
    }

    /** The totals since the bus was created and the current depth, read together. */
    public BusCounters totals() {
        lock.lock();
        try {
            return new BusCounters(published, consumed, dropped, queue.size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The counts since the previous call (or since creation) and the current depth; the next call
     * starts from here. If writing them fails, give them back with {@link #restoreDeltas} so the
     * next flush includes them: then no count is lost or counted twice.
     */
    public BusCounters snapshotAndResetDeltas() {
        lock.lock();
        try {
            BusCounters deltas = new BusCounters(published - flushedPublished, consumed - flushedConsumed,
                    dropped - flushedDropped, queue.size());
            flushedPublished = published;
            flushedConsumed = consumed;
            flushedDropped = dropped;
            return deltas;
        } finally {
            lock.unlock();
        }
    }

    /** Returns deltas from {@link #snapshotAndResetDeltas()} that could not be flushed. */
    public void restoreDeltas(BusCounters unflushed) {
        requireNonNull(unflushed, "unflushed is null");
        lock.lock();
        try {
            if (unflushed.published() > flushedPublished
                    || unflushed.consumed() > flushedConsumed
                    || unflushed.dropped() > flushedDropped) {
                throw new IllegalArgumentException("deltas exceed what was flushed: " + unflushed);
            }
            flushedPublished -= unflushed.published();
            flushedConsumed -= unflushed.consumed();
            flushedDropped -= unflushed.dropped();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting, discards waiting messages ({@code DISCARDED}), lets running handlers finish
     * for up to 5 s, then interrupts the workers that are still busy. Idempotent.
     */
    @Override
    public void close() {
        List<QueuedMessage> discarded;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            accepting = false;
            discarded = queue.removeAll();
            workAvailable.signalAll();
            spaceAvailable.signalAll();
            signalIfIdle();
        } finally {
            lock.unlock();
        }
        discarded.forEach(message -> tell(message, DeliveryOutcome.DISCARDED));
        joinWorkers();
    }

    /** Under the lock: enqueues the message or says how a message ended without running. */
    private Optional<Ending> admit(InboundMessage message, DeliveryListener listener) {
        if (queue.droppableSize() < capacity) {
            enqueue(message, listener);
            return Optional.empty();
        }
        return switch (policy) {
            case DROP_OLDEST -> Optional.of(dropOldest(message, listener));
            case DROP_NEWEST -> Optional.of(dropNew(message, listener));
            case BLOCK -> admitWhenSpace(message, listener);
        };
    }

    private Ending dropOldest(InboundMessage message, DeliveryListener listener) {
        QueuedMessage oldest = queue.removeOldest();
        dropped++;
        enqueue(message, listener);
        return new Ending(oldest, DeliveryOutcome.DROPPED);
    }

    /** {@code block}: waits for space; a timeout drops the message, a stop or interrupt discards it. */
    private Optional<Ending> admitWhenSpace(InboundMessage message, DeliveryListener listener) {
        long remaining = blockTimeout.toNanos();
        try {
            while (accepting) {
                if (queue.droppableSize() < capacity) {
                    enqueue(message, listener);
                    return Optional.empty();
                }
                if (remaining <= 0) {
                    return Optional.of(dropNew(message, listener));
                }
                remaining = spaceAvailable.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(new Ending(unqueued(message, listener), DeliveryOutcome.DISCARDED));
    }

    private Ending dropNew(InboundMessage message, DeliveryListener listener) {
        dropped++;
        return new Ending(unqueued(message, listener), DeliveryOutcome.DROPPED);
    }

    private static QueuedMessage unqueued(InboundMessage message, DeliveryListener listener) {
        return new QueuedMessage(-1, message.sessionId(), message, listener);
    }

    private void enqueue(InboundMessage message, DeliveryListener listener) {
        queue.add(message, listener);
        published++;
        if (queue.hasStartable()) {
            workAvailable.signal();
        }
    }

    /** Outside the lock: reports a message that ended without running. */
    private void finishWithoutRunning(Ending ending) {
        if (ending.outcome() == DeliveryOutcome.DROPPED) {
            reportDrop(ending.message());
        }
        tell(ending.message(), ending.outcome());
    }

    private void reportDrop(QueuedMessage message) {
        try {
            events.emit(DROPPED_EVENT, Map.of(
                    "channel", message.message().channel(),
                    "policy", policy.configValue(),
                    "session_id", message.sessionId()));
        } catch (RuntimeException e) {
            log().warn("could not write {} for session {}", DROPPED_EVENT, message.sessionId(), e);
        }
    }

    private void work() {
        QueuedMessage next = takeNext();
        while (next != null) {
            run(next);
            next = takeNext();
        }
    }

    /** The next message to run; {@code null} when the bus closed or this worker was interrupted. */
    private QueuedMessage takeNext() {
        lock.lock();
        try {
            while (!closed) {
                QueuedMessage next = queue.startNext();
                if (next != null) {
                    consumed++;
                    spaceAvailable.signal();
                    return next;
                }
                workAvailable.await();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Runs one message; the worker outlives any failure of one turn. */
    private void run(QueuedMessage next) {
        try {
            handler.handle(next.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log().error("turn for session {} was interrupted", next.sessionId(), e);
        } catch (Throwable e) {
            log().error("turn for session {} failed", next.sessionId(), e);
        }
        tell(next, DeliveryOutcome.PROCESSED);
        lock.lock();
        try {
            queue.finish(next.sessionId());
            if (queue.hasStartable()) {
                workAvailable.signal();
            }
            signalIfIdle();
        } finally {
            lock.unlock();
        }
    }

    private static void tell(QueuedMessage message, DeliveryOutcome outcome) {
        try {
            message.listener().finished(outcome);
        } catch (RuntimeException e) {
            log().warn("delivery listener failed for session {} ({})", message.sessionId(), outcome, e);
        }
    }

    private boolean isIdle() {
        return queue.inProgressCount() == 0 && queue.size() == 0;
    }

    private void signalIfIdle() {
        if (isIdle()) {
            idle.signalAll();
        }
    }

    private void joinWorkers() {
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Thread worker : workers) {
            if (worker == Thread.currentThread()) {
                continue;
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread worker : workers) {
            if (worker.isAlive() && worker != Thread.currentThread()) {
                log().warn("{} still running a turn {} after close; interrupting it", worker.getName(), CLOSE_GRACE);
                worker.interrupt();
            }
        }
    }

    /** A message that ended without running, and how. */
    private record Ending(QueuedMessage message, DeliveryOutcome outcome) {
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(MessageBus.class);
    }
}
