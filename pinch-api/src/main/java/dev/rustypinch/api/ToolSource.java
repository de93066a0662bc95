package dev.rustypinch.api;

/**
 * (API 1.1) A configured source of run-time tools, created by a {@link ToolSourceFactory}. Thread
 * safe. The runtime closes it once at exit (normal end or signal); {@link #close()} must end every
 * thread and child process it started, bounded in time.
 */
public interface ToolSource extends AutoCloseable {
    /**
     * Starts connecting on the source's own threads and returns at once (channel workers call it at
     * start so the first poll never waits). The default does nothing: {@link #tools()} connects lazily.
     */
    default void connectInBackground() {
    }

    /**
     * The tools available now, connecting first if needed (bounded by the source's own timeouts), with
     * a warning for every part that is unavailable (the runtime prints each as {@code WARN <warning>}
     * where SPEC says so). Tool names follow SPEC §9.2 rules 2–3; a name that a static tool already has
     * is skipped by the runtime.
     */
    DiscoveredTools tools();

    /** Releases everything; see the class comment. Idempotent. */
    @Override
    default void close() {
    }
}
