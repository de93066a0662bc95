package dev.rustypinch.runtime.cli;

/** A parsed command line (SPEC §3). */
public sealed interface Command {
    /** {@code -h}/{@code --help}: print the text, exit 0. */
    record Help(String text) implements Command {
    }

    /** {@code --version}/{@code -V}: print {@code rusty-pinch <version>}, exit 0; no settings, no plugins. */
    record Version() implements Command {
    }

    record Doctor(boolean strict) implements Command {
    }

    record Run(String session, String message) implements Command {
    }

    record Repl(String session) implements Command {
    }

    record Session(String session) implements Command {
    }

    record Stats() implements Command {
    }

    /**
     * @param pid the strict pid, or 0 to discover one
     */
    record Monitor(int pid, String processMatch, long intervalMs, long storageRefreshTicks, boolean once) implements Command {
    }

    record ToolsList() implements Command {
    }

    record ToolsRun(String session, String name, String args) implements Command {
    }

    /**
     * @param maxMessages the bound, or 0 for none
     */
    record Channels(String channel, long maxMessages) implements Command {
    }

    record PluginsList() implements Command {
    }
}
