package dev.rustypinch.runtime.turn;

import dev.rustypinch.api.Tool;
import java.util.SortedMap;

/** Where the turn pipeline finds the tools plugins contribute. */
public interface ToolDirectory {
    /** Every loaded tool by name, sorted. */
    SortedMap<String, Tool> tools();
}
