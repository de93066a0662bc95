package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

/**
 * Sets the current thread's context class loader for the duration of a try-with-resources block
 * and restores the previous one when closed:
 *
 * <pre>{@code
 * try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(pluginLoader)) {
 *     return tool.run(invocation, context);
 * }
 * }</pre>
 *
 * Must be closed on the thread that created it. {@link #close()} is idempotent.
 */
public final class ContextClassLoaderSwap implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader saved;
    private boolean closed;

    private ContextClassLoaderSwap(Thread thread, ClassLoader saved) {
        this.thread = thread;
        this.saved = saved;
    }

    /** Makes {@code loader} the current thread's context class loader until the result is closed. */
    public static ContextClassLoaderSwap use(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        if (saved != loader) {
            thread.setContextClassLoader(loader);
        }
        return new ContextClassLoaderSwap(thread, saved);
    }

    /** Restores the context class loader that was current when this swap was created. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (thread.getContextClassLoader() != saved) {
            thread.setContextClassLoader(saved);
        }
    }
}
