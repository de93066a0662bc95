package dev.rustypinch.runtime.cli;

/** A command-line usage error (SPEC §1): printed as {@code error: <message>} plus a usage hint, exit 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String usage;

    public UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    /** The usage line of the command concerned. */
    public String usage() {
        return usage;
    }

    /** The whole text for stderr. */
    public String render() {
        return "error: " + getMessage() + "\n\nUsage: " + usage + "\n\nFor more information, try '--help'.\n";
    }
}
