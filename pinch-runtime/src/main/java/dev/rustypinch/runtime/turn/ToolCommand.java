package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.Optional;

/**
 * A recognised {@code /tool} command (SPEC §9.1): the trimmed input starts with {@code /tool} followed by
 * whitespace or the end; the name runs to the first whitespace, the args are the rest, trimmed.
 *
 * @param name the tool name, possibly empty
 * @param args the trimmed arguments, possibly empty
 */
public record ToolCommand(String name, String args) {
    private static final String PREFIX = "/tool";

    public ToolCommand {
        requireNonNull(name, "name is null");
        requireNonNull(args, "args is null");
    }

    /** Recognises a tool command; anything else goes to the provider. */
    public static Optional<ToolCommand> parse(String input) {
        String trimmed = UnicodeWhitespace.trim(input);
        if (!trimmed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = trimmed.substring(PREFIX.length());
        if (!rest.isEmpty() && !UnicodeWhitespace.isWhitespace(rest.codePointAt(0))) {
            return Optional.empty();
        }
        rest = UnicodeWhitespace.trim(rest);
        int end = 0;
        while (end < rest.length() && !UnicodeWhitespace.isWhitespace(rest.codePointAt(end))) {
            end += Character.charCount(rest.codePointAt(end));
        }
        return Optional.of(new ToolCommand(rest.substring(0, end), UnicodeWhitespace.trim(rest.substring(end))));
    }

    /** The normalised command as stored in the session: {@code /tool <name>[ <args>]}. */
    public String commandText() {
        return args.isEmpty() ? PREFIX + " " + name : PREFIX + " " + name + " " + args;
    }
}
