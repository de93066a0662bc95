package dev.rustypinch.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

class BackgroundLog4jProviderTest {
    /** A back end that counts its set-ups. */
    private static final class CountingBackend implements SLF4JServiceProvider {
        final AtomicInteger initializations = new AtomicInteger();
        final RecordingLoggers loggers = new RecordingLoggers(Level.WARN);
        final MDCAdapter mdc = new BasicMDCAdapter();
        final IMarkerFactory markers = new BasicMarkerFactory();

        @Override
        public ILoggerFactory getLoggerFactory() {
            return loggers;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
            initializations.incrementAndGet();
        }
    }

    @Test
    void bindingSetsUpNothingOfTheBackEnd() {
        CountingBackend backend = new CountingBackend();
        BackgroundLog4jProvider provider = new BackgroundLog4jProvider(backend);

        provider.initialize();
        MDCAdapter mdc = provider.getMDCAdapter(); // SLF4J asks for it while binding
        provider.getLoggerFactory();

        assertEquals(0, backend.initializations.get());
        assertEquals("2.0.99", provider.getRequestedApiVersion());

        mdc.put("chat", "42");
        assertEquals(1, backend.initializations.get(), "the first use of the MDC sets the back end up");
        assertEquals("42", backend.mdc.get("chat"));
        mdc.remove("chat");
        assertNull(mdc.get("chat"));
    }

    @Test
    void theBackEndIsSetUpOnceWhateverAsksFirst() {
        CountingBackend backend = new CountingBackend();
        BackgroundLog4jProvider provider = new BackgroundLog4jProvider(backend);
        provider.initialize();

        provider.getMarkerFactory().getMarker("m");
        provider.getMDCAdapter().put("k", "v");
        provider.getLoggerFactory().getLogger("x").warn("written");

        assertEquals(1, backend.initializations.get());
        assertEquals(java.util.List.of("WARN x written"), backend.loggers.lines);
    }
}
