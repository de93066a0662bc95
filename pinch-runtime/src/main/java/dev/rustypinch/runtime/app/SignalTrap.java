package dev.rustypinch.runtime.app;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT/SIGTERM handling for graceful stops: the first signal calls the handler with {@code interrupt} or
 * {@code terminate}; a second one exits at once with 130 or 143 (SPEC §12.6).
 */
public final class SignalTrap {
    private final AtomicBoolean signalled = new AtomicBoolean();

    public void install(Consumer<String> onFirstSignal) {
        handle("INT", "interrupt", 130, onFirstSignal);
        handle("TERM", "terminate", 143, onFirstSignal);
    }

    private void handle(String name, String word, int exitCode, Consumer<String> onFirstSignal) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (signalled.compareAndSet(false, true)) {
                    onFirstSignal.accept(word);
                } else {
                    Runtime.getRuntime().halt(exitCode);
                }
            });
        } catch (IllegalArgumentException e) {
            // The signal is not available on this platform (or reserved by the JVM): default handling stays.
        }
    }
}
