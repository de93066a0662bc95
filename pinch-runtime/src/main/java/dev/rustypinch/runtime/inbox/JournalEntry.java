package dev.rustypinch.runtime.inbox;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.InboundMessage;

/**
 * A message the inbox journal holds as not finished.
 *
 * @param sequence the journal's number for it, unique per journal, in arrival order
 * @param message  the message as the channel published it
 * @param replays  how many times an earlier run started its turn again from the journal without finishing it
 */
public record JournalEntry(long sequence, InboundMessage message, int replays) {
    public JournalEntry {
        requireNonNull(message, "message is null");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
        }
        if (replays < 0) {
            throw new IllegalArgumentException("replays must not be negative, got " + replays);
        }
    }

    JournalEntry replayedOnceMore() {
        return new JournalEntry(sequence, message, replays + 1);
    }
}
