package dev.rustypinch.runtime.logging;

import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A logger handed out while the back end starts ({@link DeferredLoggerFactory}): SLF4J's substitute, which keeps
 * every line until it gets its delegate, except that WARN and ERROR first wait for the back end, so that they are
 * written in place. Once it has its delegate, a line first lets the kept lines out, so that one thread's lines keep
 * their order.
 */
final class StartingLogger extends SubstituteLogger {
    private final DeferredLoggerFactory factory;

    StartingLogger(String name, Queue<SubstituteLoggingEvent> kept, DeferredLoggerFactory factory) {
        super(name, kept, false);
        this.factory = factory;
    }

    /** Every line goes through here: once the back end runs, the kept lines are written before this one. */
    @Override
    public Logger delegate() {
        if (!isDelegateNull()) {
            factory.writeKept();
        }
        return super.delegate();
    }

    /** The back end's logger of this name, for writing a kept line. */
    Logger backend() {
        return super.delegate();
    }

    private void awaitBackend() {
        if (isDelegateNull()) {
            factory.awaitRunning();
        }
    }

    private void awaitBackendFor(Level level) {
        if (level.toInt() >= Level.WARN.toInt()) {
            awaitBackend();
        }
    }

    @Override
    public boolean isEnabledForLevel(Level level) {
        awaitBackendFor(level);
        return super.isEnabledForLevel(level);
    }

    @Override
    public LoggingEventBuilder atLevel(Level level) {
        awaitBackendFor(level);
        return super.atLevel(level);
    }

    @Override
    public LoggingEventBuilder makeLoggingEventBuilder(Level level) {
        awaitBackendFor(level);
        return super.makeLoggingEventBuilder(level);
    }

    @Override
    public boolean isWarnEnabled() {
        awaitBackend();
        return super.isWarnEnabled();
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        awaitBackend();
        return super.isWarnEnabled(marker);
    }

    @Override
    public void warn(String msg) {
        awaitBackend();
        super.warn(msg);
    }

    @Override
    public void warn(String format, Object arg) {
        awaitBackend();
        super.warn(format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        awaitBackend();
        super.warn(format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
        awaitBackend();
        super.warn(format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
        awaitBackend();
        super.warn(msg, t);
    }

    @Override
    public void warn(Marker marker, String msg) {
        awaitBackend();
        super.warn(marker, msg);
    }

    @Override
    public void warn(Marker marker, String format, Object arg) {
        awaitBackend();
        super.warn(marker, format, arg);
    }

    @Override
    public void warn(Marker marker, String format, Object arg1, Object arg2) {
        awaitBackend();
        super.warn(marker, format, arg1, arg2);
    }

    @Override
    public void warn(Marker marker, String format, Object... arguments) {
        awaitBackend();
        super.warn(marker, format, arguments);
    }

    @Override
    public void warn(Marker marker, String msg, Throwable t) {
        awaitBackend();
        super.warn(marker, msg, t);
    }

    @Override
    public LoggingEventBuilder atWarn() {
        awaitBackend();
        return super.atWarn();
    }

    @Override
    public boolean isErrorEnabled() {
        awaitBackend();
        return super.isErrorEnabled();
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        awaitBackend();
        return super.isErrorEnabled(marker);
    }

    @Override
    public void error(String msg) {
        awaitBackend();
        super.error(msg);
    }

    @Override
    public void error(String format, Object arg) {
        awaitBackend();
        super.error(format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        awaitBackend();
        super.error(format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
        awaitBackend();
        super.error(format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        awaitBackend();
        super.error(msg, t);
    }

    @Override
    public void error(Marker marker, String msg) {
        awaitBackend();
        super.error(marker, msg);
    }

    @Override
    public void error(Marker marker, String format, Object arg) {
        awaitBackend();
        super.error(marker, format, arg);
    }

    @Override
    public void error(Marker marker, String format, Object arg1, Object arg2) {
        awaitBackend();
        super.error(marker, format, arg1, arg2);
    }

    @Override
    public void error(Marker marker, String format, Object... arguments) {
        awaitBackend();
        super.error(marker, format, arguments);
    }

    @Override
    public void error(Marker marker, String msg, Throwable t) {
        awaitBackend();
        super.error(marker, msg, t);
    }

    @Override
    public LoggingEventBuilder atError() {
        awaitBackend();
        return super.atError();
    }
}
