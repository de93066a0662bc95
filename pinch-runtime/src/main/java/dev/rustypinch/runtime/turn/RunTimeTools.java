package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The static tools of the loaded plugins merged with the tools their run-time sources discover (API 1.1, SPEC §19):
 * the one seam between tool lookup and {@link ToolSource}s. Sources are created on first need, so a command that
 * only uses static tools starts nothing; once created they are closed by {@link #close()} or, when the process ends
 * on a signal without a graceful stop, by a shutdown hook. Thread safe.
 */
public final class RunTimeTools implements ToolDirectory, AutoCloseable {
    /**
     * How long closing waits for all sources together: a guard against a hung source only. Each source bounds its own
     * close (MCP: about 2 s, SPEC §19.3) and usually returns long before; when the JVM is exiting, giving up early
     * would kill the source's threads before they finish ending its child processes.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(12);

    private final Supplier<SortedMap<String, Tool>> staticTools;
    private final Supplier<List<ToolSource>> sourceCreator;
    private List<ToolSource> sources;
    private Thread shutdownHook;
    private boolean closed;

    /**
     * @param staticTools   the tools of {@code ToolFactory}s by name
     * @param sourceCreator creates every loaded plugin's sources; called at most once
     */
    public RunTimeTools(Supplier<SortedMap<String, Tool>> staticTools, Supplier<List<ToolSource>> sourceCreator) {
        this.staticTools = requireNonNull(staticTools, "staticTools is null");
        this.sourceCreator = requireNonNull(sourceCreator, "sourceCreator is null");
    }

    /**
     * Every tool, by name, and a warning for every part of a source that is unavailable or skipped.
     *
     * @param tools    static and discovered tools by name
     * @param warnings texts to print as {@code WARN <warning>} where SPEC says so
     */
    public record Listing(SortedMap<String, Tool> tools, List<String> warnings) {
        public Listing {
            tools = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(tools, "tools is null")));
            warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        }
    }

    /** Asks every source for its tools (connecting it if needed) and merges them with the static ones. */
    public Listing list() {
        SortedMap<String, Tool> merged = new TreeMap<>(staticTools.get());
        List<String> warnings = new ArrayList<>();
        for (ToolSource source : sources()) {
            DiscoveredTools found;
            try {
                found = source.tools();
            } catch (RuntimeException | LinkageError e) {
                warnings.add("tool source " + source + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            warnings.addAll(found.warnings());
            for (Tool tool : found.tools()) {
                String name = tool.name();
                if (merged.putIfAbsent(name, tool) != null) {
                    warnings.add("tool '" + name + "' skipped: another tool already has that name");
                }
            }
        }
        return new Listing(merged, warnings);
    }

    /** Every tool by name, discovered ones included. */
    @Override
    public SortedMap<String, Tool> tools() {
        return list().tools();
    }

    /**
     * The tools among which to find {@code name}: the static ones when one of them has that name (or the name is
     * not a valid tool name), so a static tool never starts a source; else all of them.
     */
    @Override
    public SortedMap<String, Tool> toolsFor(String name) {
        SortedMap<String, Tool> statics = staticTools.get();
        if (name.isEmpty() || !ToolGuardrails.isValidName(name)) {
            return statics;
        }
        return toolsFor(List.of(name));
    }

    /** The static tools when they have every one of {@code names}; else all of them (sources started as needed). */
    @Override
    public SortedMap<String, Tool> toolsFor(Collection<String> names) {
        SortedMap<String, Tool> statics = staticTools.get();
        return statics.keySet().containsAll(names) ? statics : tools();
    }

    /** Lets every source connect on its own threads; returns at once (channel workers, SPEC §19.3). */
    public void connectInBackground() {
        for (ToolSource source : sources()) {
            try {
                source.connectInBackground();
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(RunTimeTools.class)
                        .warn("tool source {} failed to start connecting: {}", source, e.toString());
            }
        }
    }

    private synchronized List<ToolSource> sources() {
        if (closed) {
            return List.of();
        }
        if (sources == null) {
            sources = List.copyOf(sourceCreator.get());
            if (!sources.isEmpty()) {
                shutdownHook = new Thread(this::closeSources, "tool-sources-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
        return sources;
    }

    /** Closes every source that was created, all in parallel, waiting at most {@link #CLOSE_WAIT}. Idempotent. */
    @Override
    public void close() {
        Thread hook;
        synchronized (this) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        closeSources();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run closeSources, which is idempotent.
            }
        }
    }

    private void closeSources() {
        List<ToolSource> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = sources == null ? List.of() : sources;
        }
        List<Thread> closers = new ArrayList<>();
        for (ToolSource source : toClose) {
            Thread closer = new Thread(() -> closeQuietly(source), "tool-source-close-" + closers.size());
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread closer : closers) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                closer.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(ToolSource source) {
        try {
            source.close();
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(RunTimeTools.class).warn("tool source {} failed to close: {}", source,
                    e.toString());
        }
    }
}
