package dev.rustypinch.api;

/**
 * A deterministic local command run by {@code /tool <name> [args]} without the model. The runtime
 * enforces the guardrails (SPEC §9.2) before calling {@link #run}, prefixes the output with
 * {@code [tool:<name>]\n}, and records the turn. Implementations are thread safe.
 */
public interface Tool {
    /** The name, matching the factory's {@link ToolFactory#toolName()}. */
    String name();

    /** One line for {@code tools list}, e.g. {@code Show current UTC timestamp in RFC3339.} */
    String description();

    /** The usage line for {@code tools list}, e.g. {@code /tool session_tail [count]}. */
    String usage();

    /**
     * Runs the tool, with the plugin's class loader as the thread context class loader.
     *
     * @return the output (without the {@code [tool:<name>]} prefix)
     * @throws ToolException with the reason the user sees
     */
    String run(ToolInvocation invocation, ToolContext context) throws ToolException;
}
