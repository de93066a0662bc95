package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin's {@link ToolSource}, called with the plugin's class loader as context class loader; the tools it
 * discovers are wrapped the same way.
 */
@SuppressWarnings("try") // a ContextClassLoaderSwap works by existing; its body never uses it
final class IsolatedToolSource implements ToolSource {
    private final ToolSource delegate;
    private final ClassLoader loader;

    IsolatedToolSource(ToolSource delegate, ClassLoader loader) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public void connectInBackground() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.connectInBackground();
        }
    }

    @Override
    public DiscoveredTools tools() {
        DiscoveredTools found;
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            found = requireNonNull(delegate.tools(), "tool source returned null");
        }
        List<Tool> wrapped = new ArrayList<>(found.tools().size());
        for (Tool tool : found.tools()) {
            wrapped.add(new IsolatedTool(requireNonNull(tool, "tool source returned a null tool"), loader));
        }
        return new DiscoveredTools(wrapped, found.warnings());
    }

    @Override
    public void close() {
        try (ContextClassLoaderSwap swap = ContextClassLoaderSwap.use(loader)) {
            delegate.close();
        }
    }

    @Override
    public String toString() {
        return "IsolatedToolSource[" + delegate.getClass().getName() + "]";
    }
}
