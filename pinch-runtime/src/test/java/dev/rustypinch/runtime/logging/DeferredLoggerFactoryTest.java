package dev.rustypinch.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class DeferredLoggerFactoryTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theBackEndIsNotTouchedUntilALoggerIsAskedFor() {
        AtomicInteger gets = new AtomicInteger();
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> {
            gets.incrementAndGet();
            return new RecordingLoggers(Level.WARN);
        }, Duration.ZERO, WAIT);

        factory.finish();

        assertEquals(0, gets.get());
        assertFalse(factory.isRunning());
    }

    @Test
    void aLoggerThatLoggedNothingLetsTheProcessEndWithoutStartingTheBackEnd() {
        AtomicInteger gets = new AtomicInteger();
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> {
            gets.incrementAndGet();
            return new RecordingLoggers(Level.WARN);
        }, NEVER, WAIT);
        factory.getLogger("quiet");

        factory.finish();

        assertEquals(0, gets.get());
        assertFalse(factory.isRunning());
    }

    @Test
    void linesBelowWarnAreKeptWithoutWaitingAndWrittenInOrderOnceTheBackEndRuns() throws Exception {
        RecordingLoggers backend = new RecordingLoggers(Level.DEBUG);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);

        Logger logger = factory.getLogger("jetty");
        assertInstanceOf(StartingLogger.class, logger);
        assertTrue(logger.isDebugEnabled(), "kept lines are recorded whatever the level");
        assertTrue(logger.isTraceEnabled());
        logger.debug("connecting to {} on {}", "bridge", 3001);
        logger.trace("not configured: dropped at replay");
        logger.info("done", new IllegalStateException("cause"));
        assertEquals(List.of(), backend.lines, "nothing written before the back end runs");
        assertEquals(0, backend.starts.get(), "the back end waits for its start delay");

        factory.finish();

        assertEquals(List.of("DEBUG jetty connecting to bridge on 3001", "INFO jetty done !cause"), backend.lines);
        assertTrue(factory.isRunning());
        logger.debug("after the start");
        assertEquals("DEBUG jetty after the start", backend.lines.get(2), "the early logger delegates afterwards");
        assertFalse(logger.isTraceEnabled(), "and answers with the back end's levels");
    }

    @Test
    void aWarnStartsTheBackEndAtOnceAndIsWrittenInPlaceAfterTheKeptLines() {
        RecordingLoggers backend = new RecordingLoggers(Level.INFO);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);
        Logger logger = factory.getLogger("runtime");

        logger.info("kept first");
        logger.warn("telemetry file is corrupt: {}", "line 3");

        assertEquals(List.of("INFO runtime kept first", "WARN runtime telemetry file is corrupt: line 3"), backend.lines);
        assertTrue(factory.isRunning());
    }

    @Test
    void warnAndErrorLevelChecksAndBuildersWaitForTheBackEnd() {
        RecordingLoggers backend = new RecordingLoggers(Level.ERROR);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);
        Logger logger = factory.getLogger("checks");

        assertFalse(logger.isWarnEnabled(), "the back end's answer, not the keeping one");
        assertTrue(logger.isErrorEnabled());
        logger.atError().setMessage("built {}").addArgument(1).log();
        logger.error("plain", new RuntimeException("boom"));

        assertEquals(List.of("ERROR checks built 1", "ERROR checks plain !boom"), backend.lines);
    }

    @Test
    void loggersAskedForOnceTheBackEndRunsAreItsOwn() {
        RecordingLoggers backend = new RecordingLoggers(Level.WARN);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);
        Logger early = factory.getLogger("a");
        early.warn("start");

        Logger late = factory.getLogger("a");

        assertNotSame(early, late);
        assertSame(backend.getLogger("a"), late);
    }

    @Test
    void theBackEndStartsByItselfAfterTheStartDelay() throws Exception {
        RecordingLoggers backend = new RecordingLoggers(Level.DEBUG);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, Duration.ofMillis(50), WAIT);

        factory.getLogger("delayed").debug("kept");

        assertTrue(backend.started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the back end never started");
        for (long deadline = System.nanoTime() + WAIT.toNanos(); backend.lines.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(5);
        }
        assertEquals(List.of("DEBUG delayed kept"), backend.lines);
    }

    @Test
    void manyKeptLinesStartTheBackEndWithoutWaitingForTheDelay() throws Exception {
        RecordingLoggers backend = new RecordingLoggers(Level.WARN);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);
        Logger logger = factory.getLogger("chatty");

        for (int i = 0; i <= DeferredLoggerFactory.KEPT_LIMIT; i++) {
            logger.debug("line {}", i);
        }

        assertTrue(backend.started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the back end did not start");
    }

    @Test
    void aKeptLineTheBackEndCannotTakeIsDroppedAloneAndTheOthersAreWritten() {
        RecordingLoggers backend = new RecordingLoggers(Level.DEBUG);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, NEVER, WAIT);
        Logger logger = factory.getLogger("args");

        logger.debug("before");
        logger.debug(RecordingLoggers.THROW);
        logger.warn("after");

        assertEquals(List.of("DEBUG args before", "WARN args after"), backend.lines);
    }

    @Test
    void aBackEndThatCannotStartLeavesSilentLoggersAndTheCallerRunning() {
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> {
            throw new NoClassDefFoundError("org/apache/logging/log4j/core/LoggerContext");
        }, NEVER, WAIT);
        Logger logger = factory.getLogger("broken");

        logger.error("lost, and said so once on stderr");

        assertTrue(factory.isRunning());
        assertFalse(factory.getLogger("broken").isErrorEnabled());
    }

    @Test
    void linesFromManyThreadsWhileTheBackEndStartsAreAllWritten() throws Exception {
        RecordingLoggers backend = new RecordingLoggers(Level.DEBUG);
        DeferredLoggerFactory factory = new DeferredLoggerFactory(() -> backend, Duration.ofMillis(5), WAIT);
        int threads = 8;
        int perThread = 500;
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    factory.getLogger("writer" + id).debug("{}", i);
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }

        factory.finish();

        assertEquals(threads * perThread, backend.lines.size());
        for (int t = 0; t < threads; t++) {
            String prefix = "DEBUG writer" + t + " ";
            List<Integer> order = backend.lines.stream().filter(line -> line.startsWith(prefix))
                    .map(line -> Integer.parseInt(line.substring(prefix.length()))).toList();
            assertEquals(perThread, order.size());
            for (int i = 0; i < perThread; i++) {
                assertEquals(i, order.get(i), "lines of one thread keep their order");
            }
        }
    }
}
