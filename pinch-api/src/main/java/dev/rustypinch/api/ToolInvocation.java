package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

/**
 * A {@code /tool <name> [args]} command that passed the runtime's guardrails (SPEC §9.2).
 *
 * @param name      the tool name ({@code [a-z0-9_-]}, at most 64 characters)
 * @param args      the trimmed arguments, possibly empty; at most 512 characters, no control characters
 * @param requestId the turn's request id, e.g. {@code rp-19c7a88327b-1}
 */
public record ToolInvocation(String name, String args, String requestId) {
    public ToolInvocation {
        requireNonNull(name, "name is null");
        requireNonNull(args, "args is null");
        requireNonNull(requestId, "requestId is null");
    }
}
