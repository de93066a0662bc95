package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A plugin's {@link Channel}, called with the plugin's class loader as context class loader. */
@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
final class IsolatedChannel implements Channel {
    private final Channel delegate;
    private final ClassLoader loader;
    private final AtomicBoolean closed = new AtomicBoolean();

    IsolatedChannel(Channel delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public Map<String, Object> startEventFields() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.startEventFields();
        }
    }

    @Override
    public boolean sourceRedelivers() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.sourceRedelivers();
        }
    }

    @Override
    public DeliveryListener resumed(InboundMessage message) {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.resumed(message);
        }
    }

    @Override
    public void start(InboundSink sink) {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.start(sink);
        }
    }

    @Override
    public void send(OutboundMessage message) {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.send(message);
        }
    }

    @Override
    public void stopReceiving() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.stopReceiving();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.close();
        }
    }

    @Override
    public String toString() {
        return "IsolatedChannel[" + delegate.getClass().getName() + "]";
    }
}
