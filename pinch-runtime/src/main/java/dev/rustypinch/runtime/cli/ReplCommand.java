package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PrivateFiles;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.slf4j.LoggerFactory;

/**
 * {@code repl} (SPEC §5): JLine line editing on a terminal, the same loop on piped stdin; EOF and
 * {@code exit}/{@code quit} print {@code Bye.}; a failed turn is reported and the loop goes on.
 */
public final class ReplCommand {
    private static final String HISTORY_FILE = "repl_history";

    private final Application app;

    public ReplCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute(String sessionId) throws CommandException {
        SessionIds.require(sessionId);
        TurnPipeline pipeline = app.pipeline();
        Path historyFile = app.dataDir().resolve(HISTORY_FILE);
        try (Terminal terminal = terminal()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("rusty-pinch").build();
            loadHistory(reader, historyFile);
            app.out().print("Rusty Pinch REPL. Type 'exit' to stop.\n");
            app.out().flush();
            while (true) {
                String line;
                try {
                    line = reader.readLine("> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    terminal.flush();
                    app.out().print("\nBye.\n");
                    return 0;
                }
                String input = UnicodeWhitespace.trim(line);
                if (input.isEmpty()) {
                    continue;
                }
                appendHistory(historyFile, input);
                String lowered = input.toLowerCase(Locale.ROOT);
                if (lowered.equals("exit") || lowered.equals("quit")) {
                    app.out().print("Bye.\n");
                    return 0;
                }
                TurnResult result = pipeline.run(sessionId, input);
                if (result.ok()) {
                    app.out().print(result.reply().orElseThrow() + "\n");
                } else {
                    app.err().print("Error: " + result.errorText() + "\n");
                }
                app.out().flush();
            }
        } catch (IOException e) {
            throw new CommandException("failed to open the terminal", e);
        }
    }

    private Terminal terminal() throws IOException {
        InputStream in = app.in();
        if (in == System.in && System.console() != null) {
            return TerminalBuilder.builder().system(true).dumb(true).build();
        }
        return new DumbTerminal(in, app.out());
    }

    private static void loadHistory(LineReader reader, Path historyFile) {
        if (!Files.isRegularFile(historyFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(historyFile, StandardCharsets.UTF_8);
            lines.forEach(reader.getHistory()::add);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ReplCommand.class).warn("failed to read REPL history {}: {}", historyFile, e.toString());
        }
    }

    private static void appendHistory(Path historyFile, String line) {
        try (OutputStream out = PrivateFiles.openForAppend(historyFile)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ReplCommand.class).warn("failed to write REPL history {}: {}", historyFile, e.toString());
        }
    }
}
