package dev.rustypinch.runtime.inbox;

/** What the inbox journal made of a newly received message ({@link InboxJournal#admit}). */
public sealed interface Admission {
    /** New: appended as entry {@code sequence}; it goes on to the bus. */
    record Journaled(long sequence) implements Admission {
    }

    /** A resend of entry {@code sequence}, which is not finished yet: it ends when that entry ends. */
    record Pending(long sequence) implements Admission {
    }

    /** A resend of a message finished recently: nothing more to do. */
    record AlreadyFinished() implements Admission {
    }
}
