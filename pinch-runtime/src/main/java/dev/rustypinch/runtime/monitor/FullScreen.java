package dev.rustypinch.runtime.monitor;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;

/**
 * The live monitor's terminal mode: on a real terminal it switches to the alternate screen and hides the cursor, and
 * {@link #close()} restores both (also after SIGINT/SIGTERM, which end the loop normally). Elsewhere — a pipe, a file,
 * {@code --once} — it does nothing, so snapshots stay plain text.
 */
final class FullScreen implements AutoCloseable {
    private final Terminal terminal;

    private FullScreen(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Full screen when stdout and stdin are a terminal; otherwise a no-op. */
    static FullScreen open(boolean interactive) {
        if (!interactive || System.console() == null) {
            return new FullScreen(null);
        }
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(false)
                    .signalHandler(Terminal.SignalHandler.SIG_DFL).build();
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            return new FullScreen(terminal);
        } catch (IOException | RuntimeException e) {
            return new FullScreen(null);
        }
    }

    @Override
    public void close() {
        if (terminal == null) {
            return;
        }
        terminal.puts(Capability.cursor_normal);
        terminal.puts(Capability.exit_ca_mode);
        terminal.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            // The terminal is gone; nothing left to restore.
        }
    }
}
