package dev.rustypinch.runtime.inbox;

/** The inbox journal cannot be opened: locked by another worker, or unreadable. The message is shown as is. */
public final class InboxJournalException extends Exception {
    private static final long serialVersionUID = 1L;

    InboxJournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
