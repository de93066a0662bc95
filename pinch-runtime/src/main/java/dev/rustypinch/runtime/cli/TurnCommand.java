package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.turn.TurnResult;

/** {@code run} and {@code tools run}: one turn, reply on stdout (SPEC §3). */
public final class TurnCommand {
    private final Application app;

    public TurnCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    /** The turn input of {@code tools run}: {@code /tool <name>} or {@code /tool <name> <args>}, both trimmed. */
    public static String toolInput(String name, String args) {
        String trimmedArgs = UnicodeWhitespace.trim(args);
        String input = "/tool " + UnicodeWhitespace.trim(name);
        return trimmedArgs.isEmpty() ? input : input + " " + trimmedArgs;
    }

    public int execute(String sessionId, String input) throws CommandException {
        TurnResult result = app.pipeline().run(SessionIds.require(sessionId), input);
        if (result.ok()) {
            app.out().print(result.reply().orElseThrow() + "\n");
            return 0;
        }
        app.err().print("Error: " + result.errorText() + "\n");
        return 1;
    }
}
