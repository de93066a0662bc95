package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.util.Optional;

/** A plugin's {@link Tool}, called with the plugin's class loader as context class loader. */
@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
final class IsolatedTool implements Tool {
    private final Tool delegate;
    private final ClassLoader loader;

    IsolatedTool(Tool delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public String name() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.name();
        }
    }

    @Override
    public String description() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.description();
        }
    }

    @Override
    public String usage() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.usage();
        }
    }

    @Override
    public String run(ToolInvocation invocation, ToolContext context) throws ToolException {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.run(invocation, context);
        }
    }

    @Override
    public Optional<String> parametersSchema() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.parametersSchema();
        }
    }

    @Override
    public String runJson(JsonToolInvocation invocation, ToolContext context) throws ToolException {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            return delegate.runJson(invocation, context);
        }
    }

    @Override
    public String toString() {
        return "IsolatedTool[" + delegate.getClass().getName() + "]";
    }
}
