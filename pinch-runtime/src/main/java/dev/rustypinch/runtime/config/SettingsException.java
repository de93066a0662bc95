package dev.rustypinch.runtime.config;

/**
 * Settings could not be loaded (SPEC §1 step 2, §2.1). The message is the first line of the error
 * output; the cause chain names the problem.
 */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
