package dev.rustypinch.runtime.turn;

import dev.rustypinch.api.Tool;
import java.util.SortedMap;

/** Where the turn pipeline finds the tools plugins contribute. */
public interface ToolDirectory {
    /** Every loaded tool by name, sorted. */
    SortedMap<String, Tool> tools();

    /**
     * The tools among which to look up {@code name} for {@code /tool}: may be only the static tools when one of them
     * has that name, so that a static tool never starts a run-time tool source. Default: all of them.
     */
    default SortedMap<String, Tool> toolsFor(String name) {
        return tools();
    }
}
