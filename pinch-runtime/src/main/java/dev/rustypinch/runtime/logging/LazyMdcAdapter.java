package dev.rustypinch.runtime.logging;

import static java.util.Objects.requireNonNull;

import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.spi.MDCAdapter;

/**
 * The back end's MDC, set up on first use: SLF4J asks for the MDC as soon as it binds, and Log4j's MDC reads Log4j's
 * properties when created, which nothing needs before something uses the MDC.
 */
final class LazyMdcAdapter implements MDCAdapter {
    private final Supplier<MDCAdapter> backend;
    private volatile MDCAdapter adapter;

    LazyMdcAdapter(Supplier<MDCAdapter> backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    private MDCAdapter adapter() {
        MDCAdapter current = adapter;
        if (current == null) {
            synchronized (this) {
                current = adapter;
                if (current == null) {
                    current = requireNonNull(backend.get(), "the back end has no MDC");
                    adapter = current;
                }
            }
        }
        return current;
    }

    @Override
    public void put(String key, String val) {
        adapter().put(key, val);
    }

    @Override
    public String get(String key) {
        return adapter().get(key);
    }

    @Override
    public void remove(String key) {
        adapter().remove(key);
    }

    @Override
    public void clear() {
        adapter().clear();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return adapter().getCopyOfContextMap();
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        adapter().setContextMap(contextMap);
    }

    @Override
    public void pushByKey(String key, String value) {
        adapter().pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return adapter().popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return adapter().getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        adapter().clearDequeByKey(key);
    }
}
