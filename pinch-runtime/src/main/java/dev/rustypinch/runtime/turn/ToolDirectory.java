package dev.rustypinch.runtime.turn;

import java.util.Collection;
import java.util.List;

import dev.rustypinch.api.Tool;
import java.util.SortedMap;

/**
 * Which tools exist: where the turn pipeline finds the tools, for {@code /tool} and for agent mode (SPEC §18). This is the
 * one seam for tool sources: static tools of plugins today; tools discovered at run time (API 1.1
 * {@link dev.rustypinch.api.ToolSource}, e.g. MCP servers) are added by the implementation behind it, so the agent loop
 * and {@code /tool} see them without change. An agent-mode turn reads it once, at the turn.
 */
@FunctionalInterface
public interface ToolDirectory {
    /** Every available tool by name, sorted. */
    SortedMap<String, Tool> tools();

    /**
     * The tools among which to look up {@code name} for {@code /tool}: may be only the static tools when one of them
     * has that name, so that a static tool never starts a run-time tool source. Default: all of them.
     */
    default SortedMap<String, Tool> toolsFor(String name) {
        return toolsFor(List.of(name));
    }

    /**
     * The tools among which to look up every one of {@code names} (agent mode's listed tools): may be only the static
     * tools when each name is one of theirs, so that such a list never starts a run-time tool source. Default: all.
     */
    default SortedMap<String, Tool> toolsFor(Collection<String> names) {
        return tools();
    }
}
