package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A plugin's {@link ChatProvider}, called with the plugin's class loader as context class loader. */
@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
final class IsolatedChatProvider implements ChatProvider {
    private final ChatProvider delegate;
    private final ClassLoader loader;
    private final AtomicBoolean closed = new AtomicBoolean();

    IsolatedChatProvider(ChatProvider delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public ChatResponse complete(ChatRequest request) throws ProviderException {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.complete(request);
        }
    }

    @Override
    public boolean supportsTools() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.supportsTools();
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
        return "IsolatedChatProvider[" + delegate.getClass().getName() + "]";
    }
}
