package dev.rustypinch.runtime.logging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Loggers whose back end starts late, on a thread of its own ({@code logging-start}): a start delay after the first
 * logger is asked for, or at once when a line needs it. Once it runs, {@link #getLogger} returns the back end's
 * loggers. Before that, a {@link StartingLogger}:
 * <ul>
 *   <li>WARN and ERROR (logging, level checks, event builders) start the back end at once and wait for it, at most
 *       the wait limit: these lines are written in place and in order, as with a back end started up front;</li>
 *   <li>TRACE, DEBUG and INFO do not wait: the logger reports them enabled and keeps each line; once the back end
 *       runs, the kept lines are handed to it in order and it writes those its configuration enables (by default
 *       none: the root level is WARN). Nothing is lost, but such a line can come out after a later WARN of another
 *       thread. More than {@link #KEPT_LIMIT} kept lines start the back end at once.</li>
 * </ul>
 * A logger asked for before the back end runs keeps working afterwards: it delegates to the back end's logger of the
 * same name. If the back end cannot start at all (broken jars), one line says so on stderr and loggers log nothing,
 * as SLF4J does without a back end.
 */
final class DeferredLoggerFactory implements ILoggerFactory {
    /** Kept lines beyond which the back end starts at once (a worker's libraries may log at DEBUG a lot). */
    static final int KEPT_LIMIT = 10_000;

    private final Supplier<ILoggerFactory> backend;
    private final Duration startDelay;
    private final Duration waitLimit;
    private final KeptLines kept = new KeptLines();
    /** Lines kept and not written yet (taken from {@link #kept} counts until written). */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final CountDownLatch startNow = new CountDownLatch(1);
    private final CountDownLatch running = new CountDownLatch(1);
    /** Held while kept lines are written, so that a thread's next line waits for them. */
    private final Object replayLock = new Object();
    /** Guarded by {@code this}: the loggers handed out before the back end ran. */
    private final Map<String, StartingLogger> waiting = new HashMap<>();
    /** Set once, under {@code this}. */
    private volatile Thread starter;
    private volatile ILoggerFactory started;

    /**
     * @param backend    the back end's logger factory; getting it must not start the back end, its first
     *                   {@code getLogger} may (on the {@code logging-start} thread)
     * @param startDelay how long after the first logger is asked for the back end starts unless a line needs it
     * @param waitLimit  how long WARN and ERROR lines and {@link #finish()} wait for the back end
     */
    DeferredLoggerFactory(Supplier<ILoggerFactory> backend, Duration startDelay, Duration waitLimit) {
        this.backend = requireNonNull(backend, "backend is null");
        this.startDelay = requireNonNull(startDelay, "startDelay is null");
        this.waitLimit = requireNonNull(waitLimit, "waitLimit is null");
    }

    @Override
    public Logger getLogger(String name) {
        ILoggerFactory running = started;
        if (running != null) {
            writeKept(); // this thread's kept lines come before what it logs next
            return running.getLogger(name);
        }
        synchronized (this) {
            if (started != null) {
                writeKept();
                return started.getLogger(name);
            }
            if (starter == null) {
                Thread thread = new Thread(this::start, "logging-start");
                thread.setDaemon(true);
                thread.setContextClassLoader(DeferredLoggerFactory.class.getClassLoader());
                starter = thread;
                thread.start();
            }
            return waiting.computeIfAbsent(name, loggerName -> new StartingLogger(loggerName, kept, this));
        }
    }

    /** Whether the back end runs (every logger asked for from now on is its own). */
    boolean isRunning() {
        return started != null;
    }

    /**
     * When lines are kept: starts the back end now, waits until it runs and writes them; returns at once otherwise
     * (nothing asked for a logger, or nothing was logged before the back end ran). For the end of the process: a
     * line kept by then would otherwise be lost with it.
     */
    void finish() {
        if (starter == null || started == null && unwritten.get() == 0) {
            return;
        }
        awaitRunning();
        if (started != null) {
            writeKept();
        }
    }

    /** Called by a {@link StartingLogger} before WARN or ERROR: starts the back end and waits, at most the limit. */
    void awaitRunning() {
        if (started != null || Thread.currentThread() == starter) {
            return;
        }
        startNow.countDown();
        try {
            running.await(waitLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        try {
            startNow.await(startDelay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // start at once
        }
        ILoggerFactory factory;
        try {
            factory = backend.get();
            factory.getLogger(Logger.ROOT_LOGGER_NAME);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("WARN logging did not start, diagnostics are not written: " + e);
            factory = new NOPLoggerFactory();
        }
        handOver(factory);
    }

    private void handOver(ILoggerFactory factory) {
        try {
            synchronized (this) {
                for (StartingLogger logger : waiting.values()) {
                    logger.setDelegate(factory.getLogger(logger.getName()));
                }
                waiting.clear();
                started = factory;
            }
            writeKept();
        } finally {
            running.countDown(); // never leave a WARN waiting out its limit
        }
    }

    /** Hands every kept line to the back end's logger of its name, in the order they were logged. */
    void writeKept() {
        if (unwritten.get() == 0) {
            return;
        }
        synchronized (replayLock) {
            for (SubstituteLoggingEvent event = kept.poll(); event != null; event = kept.poll()) {
                try {
                    replay(event);
                } catch (RuntimeException e) {
                    // a line the back end cannot take (an argument whose toString fails, say) is dropped alone
                } finally {
                    unwritten.decrementAndGet();
                }
            }
        }
    }

    private static void replay(SubstituteLoggingEvent event) {
        LoggingEventBuilder line = ((StartingLogger) event.getLogger()).backend().atLevel(event.getLevel());
        List<Marker> markers = event.getMarkers();
        if (markers != null) {
            markers.forEach(line::addMarker);
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            pairs.forEach(pair -> line.addKeyValue(pair.key, pair.value));
        }
        line.setMessage(event.getMessage());
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                line.addArgument(argument);
            }
        }
        line.setCause(event.getThrowable());
        line.log();
    }

    /** The kept lines; a long queue starts the back end at once. */
    private final class KeptLines extends LinkedBlockingQueue<SubstituteLoggingEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean add(SubstituteLoggingEvent event) {
            if (unwritten.incrementAndGet() > KEPT_LIMIT) {
                startNow.countDown();
            }
            return super.add(event);
        }
    }
}
