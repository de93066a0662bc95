package dev.rustypinch.plugin.channelwhatsapp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One-line descriptions of I/O failures for event {@code error} fields. */
final class FailureText {
    private FailureText() {
    }

    /** The innermost cause's message, or its class name when it has none. */
    static String of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException || cause.getMessage() == null)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
