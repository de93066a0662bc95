package dev.rustypinch.runtime.logging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A stand-in logging back end for the tests: every logger writes "LEVEL name message" lines (with " !Cause" for a
 * throwable) at its threshold and above into one shared list, and the first logger asked for is the back end's start.
 * The message {@value #THROW} makes it throw, as a broken appender might.
 */
final class RecordingLoggers implements ILoggerFactory {
    static final String THROW = "throw!";

    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicInteger starts = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    private final Level threshold;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    RecordingLoggers(Level threshold) {
        this.threshold = threshold;
    }

    @Override
    public Logger getLogger(String name) {
        if (starts.get() == 0 && starts.incrementAndGet() == 1) {
            started.countDown();
        }
        return loggers.computeIfAbsent(name, RecordingLogger::new);
    }

    private final class RecordingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        RecordingLogger(String name) {
            this.name = name;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                                   Throwable throwable) {
            if (THROW.equals(message)) {
                throw new IllegalStateException("the back end failed on this line");
            }
            String text = MessageFormatter.basicArrayFormat(message, arguments);
            lines.add(level + " " + name + " " + text + (throwable == null ? "" : " !" + throwable.getMessage()));
        }
    }
}
