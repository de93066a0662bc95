package dev.rustypinch.runtime.inbox;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox journal of one channel in one data directory (SPEC §22): {@code <data dir>/channels/<channel>/inbox.jsonl},
 * append-only {@link JournalRecord} lines, locked for the worker's lifetime through {@code inbox.lock}.
 *
 * <p>A message is {@linkplain #admit appended} before it enters the bus and {@linkplain #finish finished} after; at
 * start the messages not finished are {@linkplain #recover recovered} to be queued again. The ids of the last 1,000
 * finished messages and of every unfinished one are known, so resends are recognised across restarts.
 *
 * <p>Records are written with one {@code write} each and no {@code fsync}: once a call returns, the record is in the
 * operating system and survives {@code kill -9} of the worker (not a power cut). A compaction writes the live records
 * to {@code inbox.jsonl.compacting}, forces it to disk and renames it over the journal, so a crash at any point
 * leaves either the old journal or the new one whole. Thread safe.
 */
public final class InboxJournal implements AutoCloseable {
    /** An entry started again this many times without finishing is quarantined at the next start. */
    public static final int MAX_REPLAYS = 3;
    /** The event written for a quarantined entry (SPEC §10.5). */
    public static final String QUARANTINED_EVENT = "channel_message_quarantined";
    static final String FILE_NAME = "inbox.jsonl";
    static final String COMPACTING_NAME = "inbox.jsonl.compacting";
    static final String LOCK_NAME = "inbox.lock";
    /** Finished message ids remembered for resends, as many as a channel's own duplicate check (SPEC §13.5). */
    static final int REMEMBERED_IDS = 1000;
    static final int DEFAULT_COMPACT_AFTER = 20_000;

    private final String channel;
    private final Path file;
    private final Path compacting;
    private final EventSink events;
    private final int compactAfter;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<Long, JournalEntry> unfinished = new LinkedHashMap<>();
    private final Map<String, Long> unfinishedIds = new LinkedHashMap<>();
    private final LinkedHashSet<String> finishedIds = new LinkedHashSet<>();
    private FileChannel out;
    private long nextSequence;
    private long recordsSinceCompaction;
    /** A failed write may have left part of a line: the next record starts on a new line. */
    private boolean tornTail;
    private boolean compactionFailed;
    private boolean closed;

    private InboxJournal(String channel, Path directory, EventSink events, int compactAfter, FileChannel lockChannel,
            FileLock lock) {
        this.channel = channel;
        this.file = directory.resolve(FILE_NAME);
        this.compacting = directory.resolve(COMPACTING_NAME);
        this.events = events;
        this.compactAfter = compactAfter;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks and loads the journal of {@code channel}, creating its directory ({@code 0700}) and files ({@code 0600})
     * when needed, then compacts it.
     *
     * @param events where {@code channel_message_quarantined} and {@code channel_state_error} go
     * @throws InboxJournalException when another worker holds the journal or it cannot be read
     */
    public static InboxJournal open(Path dataDirectory, String channel, EventSink events) throws InboxJournalException {
        return open(dataDirectory, channel, events, DEFAULT_COMPACT_AFTER);
    }

    static InboxJournal open(Path dataDirectory, String channel, EventSink events, int compactAfter)
            throws InboxJournalException {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(events, "events is null");
        if (compactAfter < 1) {
            throw new IllegalArgumentException("compactAfter must be at least 1, got " + compactAfter);
        }
        Path directory = dataDirectory.resolve("channels").resolve(channel);
        Path lockFile = directory.resolve(LOCK_NAME);
        FileChannel lockChannel;
        try {
            PrivateFiles.createDirectories(directory);
            lockChannel = PrivateFiles.newFileChannel(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InboxJournalException("cannot open the inbox journal lock " + lockFile + ": " + describe(e)
                    + "; check that the data directory is writable", e);
        }
        FileLock lock = tryLock(lockChannel, channel, dataDirectory, directory.resolve(FILE_NAME));
        InboxJournal journal = new InboxJournal(channel, directory, events, compactAfter, lockChannel, lock);
        try {
            journal.load();
            journal.openOutput();
        } catch (IOException e) {
            journal.close();
            throw new InboxJournalException("cannot read the inbox journal " + journal.file + ": " + describe(e)
                    + "; check its permissions", e);
        }
        return journal;
    }

    private static FileLock tryLock(FileChannel lockChannel, String channel, Path dataDirectory, Path journalFile)
            throws InboxJournalException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new InboxJournalException("cannot lock the inbox journal " + journalFile + ": " + describe(e), e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new InboxJournalException("another '" + channel + "' worker is running on data directory "
                    + dataDirectory + " (its inbox journal " + journalFile + " is locked); stop that worker first, or give"
                    + " this one its own RUSTY_PINCH_DATA_DIR", null);
        }
        return lock;
    }

    /**
     * The messages an earlier run did not finish, oldest first, to be queued before any new message. Entries already
     * replayed {@value #MAX_REPLAYS} times without finishing are marked failed instead, each with a
     * {@code channel_message_quarantined} event, and left out. Call once, before any {@link #admit}.
     */
    public synchronized List<JournalEntry> recover() {
        List<JournalEntry> recovered = new ArrayList<>();
        for (JournalEntry entry : List.copyOf(unfinished.values())) {
            if (entry.replays() < MAX_REPLAYS) {
                recovered.add(entry);
                continue;
            }
            write(new JournalRecord.Failed(entry.sequence()));
            forget(entry);
            Map<String, Object> fields = new TreeMap<>();
            fields.put("channel", channel);
            fields.put("session_id", entry.message().sessionId());
            events.emit(QUARANTINED_EVENT, fields);
        }
        return List.copyOf(recovered);
    }

    /**
     * Takes a newly received message: a message whose id the journal holds unfinished is {@link Admission.Pending},
     * one whose id was finished recently is {@link Admission.AlreadyFinished}; anything else is appended and
     * {@link Admission.Journaled}. A failed append is reported as {@code channel_state_error} and the message is kept
     * in memory only.
     */
    public synchronized Admission admit(InboundMessage message) {
        requireNonNull(message, "message is null");
        Optional<String> id = message.messageId();
        if (id.isPresent()) {
            Long pending = unfinishedIds.get(id.get());
            if (pending != null) {
                return new Admission.Pending(pending);
            }
            if (finishedIds.contains(id.get())) {
                return new Admission.AlreadyFinished();
            }
        }
        JournalEntry entry = new JournalEntry(nextSequence++, message, 0);
        unfinished.put(entry.sequence(), entry);
        id.ifPresent(value -> unfinishedIds.put(value, entry.sequence()));
        write(new JournalRecord.Accepted(entry.sequence(), message));
        return new Admission.Journaled(entry.sequence());
    }

    /** Marks an entry finished (processed or dropped); compacts the journal when enough records piled up. */
    public void finish(long sequence) {
        String line = JournalRecord.encode(new JournalRecord.Finished(sequence));
        synchronized (this) {
            JournalEntry entry = unfinished.get(sequence);
            if (entry == null) {
                return;
            }
            forget(entry);
            writeLine(line);
            if (recordsSinceCompaction >= compactAfter && recordsSinceCompaction >= 2L * liveRecords()) {
                compactQuietly();
            }
        }
    }

    /** Whether the entry is known and not finished. */
    public synchronized boolean isUnfinished(long sequence) {
        return unfinished.containsKey(sequence);
    }

    /** Records that a recovered entry's turn starts again, for the replay limit. */
    public synchronized void replayStarted(long sequence) {
        JournalEntry entry = unfinished.get(sequence);
        if (entry == null) {
            return;
        }
        unfinished.put(sequence, entry.replayedOnceMore());
        write(new JournalRecord.Replayed(sequence));
    }

    /** Entries not finished, for tests and diagnostics. */
    synchronized int unfinishedCount() {
        return unfinished.size();
    }

    /** Closes the journal file and releases the lock; unfinished entries stay for the next start. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            closeQuietly(out);
        }
        try {
            lock.release();
        } catch (IOException e) {
            log().debug("inbox journal lock release failed: {}", describe(e));
        }
        closeQuietly(lockChannel);
    }

    private void load() throws IOException {
        deleteLeftover();
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Optional<JournalRecord> record = JournalRecord.decode(line);
                if (record.isEmpty()) {
                    log().warn("ignoring unreadable line {} in inbox journal {}", lineNumber, file);
                    continue;
                }
                apply(record.get());
            }
        } catch (NoSuchFileException e) {
            return;
        }
    }

    private void apply(JournalRecord record) {
        if (record instanceof JournalRecord.Accepted accepted) {
            JournalEntry entry = new JournalEntry(accepted.sequence(), accepted.message(), 0);
            unfinished.put(entry.sequence(), entry);
            entry.message().messageId().ifPresent(id -> unfinishedIds.put(id, entry.sequence()));
            nextSequence = Math.max(nextSequence, accepted.sequence() + 1);
        } else if (record instanceof JournalRecord.Finished finished) {
            Optional.ofNullable(unfinished.get(finished.sequence())).ifPresent(this::forget);
        } else if (record instanceof JournalRecord.Failed failed) {
            Optional.ofNullable(unfinished.get(failed.sequence())).ifPresent(this::forget);
        } else if (record instanceof JournalRecord.Replayed replayed) {
            JournalEntry entry = unfinished.get(replayed.sequence());
            if (entry != null) {
                unfinished.put(entry.sequence(), entry.replayedOnceMore());
            }
        } else if (record instanceof JournalRecord.Seen seen) {
            remember(seen.messageId());
        }
    }

    /** Starts the output on a compacted journal; when compacting fails, appends to the journal as it is. */
    private void openOutput() throws IOException {
        try {
            compact();
        } catch (IOException e) {
            reportStateError("failed to compact inbox journal " + file + ": " + describe(e) + "; appending to it as it is");
            compactionFailed = true;
            tornTail = !endsWithNewline(file);
            out = PrivateFiles.newFileChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
    }

    private void compactQuietly() {
        try {
            compact();
            compactionFailed = false;
        } catch (IOException e) {
            recordsSinceCompaction = 0;
            if (!compactionFailed) {
                reportStateError("failed to compact inbox journal " + file + ": " + describe(e) + "; appending to it as it is");
            }
            compactionFailed = true;
        }
    }

    /** Writes the live records to a new file, forces it and renames it over the journal; then appends to it. */
    private void compact() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String id : finishedIds) {
            text.append(JournalRecord.encode(new JournalRecord.Seen(id)));
        }
        for (JournalEntry entry : unfinished.values()) {
            text.append(JournalRecord.encode(new JournalRecord.Accepted(entry.sequence(), entry.message())));
            for (int i = 0; i < entry.replays(); i++) {
                text.append(JournalRecord.encode(new JournalRecord.Replayed(entry.sequence())));
            }
        }
        deleteLeftover();
        FileChannel fresh = PrivateFiles.newFileChannel(compacting, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            writeFully(fresh, text.toString());
            fresh.force(true);
            Files.move(compacting, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            closeQuietly(fresh);
            deleteLeftover();
            throw e;
        }
        FileChannel previous = out;
        out = fresh;
        tornTail = false;
        recordsSinceCompaction = 0;
        if (previous != null) {
            closeQuietly(previous);
        }
    }

    /** Deletes what a compaction cut short left; the journal itself is whole either way. */
    private void deleteLeftover() {
        try {
            Files.deleteIfExists(compacting);
        } catch (IOException e) {
            log().debug("cannot delete {}: {}", compacting, describe(e));
        }
    }

    private void write(JournalRecord record) {
        writeLine(JournalRecord.encode(record));
    }

    private void writeLine(String line) {
        if (closed) {
            log().debug("inbox journal {} is closed; {} not written, the entry stays for the next start", file, line);
            return;
        }
        try {
            writeFully(out, tornTail ? "\n" + line : line);
            tornTail = false;
            recordsSinceCompaction++;
        } catch (IOException e) {
            tornTail = true;
            reportStateError("failed to write inbox journal " + file + ": " + describe(e)
                    + "; the message is kept in memory only until the disk has room");
        }
    }

    private static void writeFully(FileChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Whether the file is missing, empty or ends with a whole line. */
    private static boolean endsWithNewline(Path file) throws IOException {
        if (!Files.exists(file)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private void forget(JournalEntry entry) {
        unfinished.remove(entry.sequence());
        entry.message().messageId().ifPresent(id -> {
            unfinishedIds.remove(id);
            remember(id);
        });
    }

    private void remember(String id) {
        finishedIds.remove(id);
        finishedIds.add(id);
        if (finishedIds.size() > REMEMBERED_IDS) {
            Iterator<String> oldest = finishedIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private long liveRecords() {
        return (long) unfinished.size() + finishedIds.size();
    }

    private void reportStateError(String error) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("channel", channel);
        fields.put("error", error);
        try {
            events.emit("channel_state_error", fields);
        } catch (RuntimeException e) {
            log().warn("could not write channel_state_error: {}", error, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log().debug("closing an inbox journal file failed: {}", describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "no detail" : e.getMessage());
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(InboxJournal.class);
    }
}
