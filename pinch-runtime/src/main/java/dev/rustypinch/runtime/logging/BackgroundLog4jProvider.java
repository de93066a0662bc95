package dev.rustypinch.runtime.logging;

import java.time.Duration;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider the launcher selects ({@code slf4j.provider}): Log4j, started on a thread of its own
 * ({@code logging-start}) {@link #START_DELAY} after something first asks for a logger, or at once when a line at WARN
 * or above is logged, instead of on the thread that asked.
 *
 * <p>Starting Log4j (finding its plugins, reading and applying {@code conf/log4j2.xml}) takes 100–200 ms of CPU on a
 * small machine. Most commands never log and never pay it; a worker whose libraries log (Jetty in the WhatsApp and
 * web channels, the MCP SDK) asks for loggers while it sets up its first connection, and used to pay the whole start
 * there, on a machine with two cores already busy with class loading and the JIT. Now the first connection comes
 * first: see {@link DeferredLoggerFactory} for what a logger does meanwhile (in short: WARN and ERROR start Log4j and
 * wait for it, so they are written in place; lower levels are kept and written once it runs). Markers and the MDC are
 * Log4j's, set up when first used: they need no configuration.
 */
public final class BackgroundLog4jProvider implements SLF4JServiceProvider {
    /** How long after the first logger is asked for Log4j starts, unless a line needs it sooner. */
    static final Duration START_DELAY = Duration.ofSeconds(1);
    /** How long a WARN or ERROR line, or the end of the process, waits for Log4j to start. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(10);

    private static volatile BackgroundLog4jProvider instance;

    private final SLF4JServiceProvider backend;
    private final DeferredLoggerFactory loggerFactory =
            new DeferredLoggerFactory(this::backendLoggers, START_DELAY, WAIT_LIMIT);
    private final MDCAdapter mdcAdapter = new LazyMdcAdapter(() -> initializedBackend().getMDCAdapter());
    /** Guarded by {@code this}. */
    private boolean backendInitialized;

    /** Used by SLF4J, which instantiates the class named by {@code slf4j.provider}. */
    public BackgroundLog4jProvider() {
        this(new org.apache.logging.slf4j.SLF4JServiceProvider());
    }

    BackgroundLog4jProvider(SLF4JServiceProvider backend) {
        this.backend = backend;
    }

    /** Nothing of Log4j yet: even its provider's set-up reads Log4j's properties, which the first logger need not wait for. */
    @Override
    public void initialize() {
        instance = this;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return initializedBackend().getMarkerFactory();
    }

    /** SLF4J asks for it while binding; Log4j's is made when something first uses the MDC. */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return backend.getRequestedApiVersion();
    }

    private synchronized SLF4JServiceProvider initializedBackend() {
        if (!backendInitialized) {
            backend.initialize();
            backendInitialized = true;
        }
        return backend;
    }

    private ILoggerFactory backendLoggers() {
        return initializedBackend().getLoggerFactory();
    }

    /**
     * Before the process ends: when lines were kept for Log4j, starts it if it has not started, waits (at most
     * {@link #WAIT_LIMIT}) and writes them. Returns at once when nothing was kept; never starts Log4j otherwise.
     */
    public static void finishStart() {
        BackgroundLog4jProvider provider = instance;
        if (provider != null) {
            provider.loggerFactory.finish();
        }
    }
}
