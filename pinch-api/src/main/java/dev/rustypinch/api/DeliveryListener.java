package dev.rustypinch.api;

/**
 * Told exactly once how an accepted inbound message ended. This is how a channel learns that a
 * message's turn is recorded and its reply handled, e.g. so that Telegram commits its update offset
 * only then. Called from a runtime worker thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface DeliveryListener {
    void finished(DeliveryOutcome outcome);
}
