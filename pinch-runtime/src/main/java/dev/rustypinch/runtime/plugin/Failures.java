package dev.rustypinch.runtime.plugin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ServiceConfigurationError;

/** Turns reflection and linkage failures from plugin code into one plain line. */
final class Failures {
    private Failures() {
    }

    /**
     * {@code <SimpleClassName>: <message>} of the failure that matters: reflection wrappers and
     * {@link ExceptionInInitializerError} are looked through to the root cause; a linkage error
     * such as {@link NoClassDefFoundError} (a missing dependency class) is kept as it is.
     */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        return name + ": " + message.replaceAll("\\R+", " ").strip();
    }

    /** The failure a user should see; see {@link #describe}. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (true) {
            Throwable next = wrapped(current);
            if (next == null || next == current) {
                return current;
            }
            current = next;
        }
    }

    private static Throwable wrapped(Throwable failure) {
        if (failure instanceof InvocationTargetException
                || failure instanceof ExceptionInInitializerError
                || failure instanceof UndeclaredThrowableException
                || failure instanceof ServiceConfigurationError) {
            return failure.getCause();
        }
        if (failure instanceof LinkageError) {
            return null;
        }
        return failure.getCause();
    }
}
