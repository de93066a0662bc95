package dev.rustypinch.runtime.inbox;

import java.nio.file.Path;

/**
 * A child process for {@link InboxJournalTest}: opens (and so compacts) the {@code whatsapp} inbox journal of a data
 * directory, prints {@code opened} and exits. Arguments: {@code <data dir>}.
 */
public final class JournalOpenProcess {
    private JournalOpenProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (InboxJournal journal = InboxJournal.open(Path.of(args[0]), "whatsapp", (event, fields) -> { })) {
            System.out.println("opened " + journal.unfinishedCount());
        }
    }
}
