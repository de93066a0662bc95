package dev.rustypinch.runtime.telemetry;

import static dev.rustypinch.runtime.telemetry.TelemetrySnapshot.saturatedAdd;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PrivateFiles;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.session.FileMutex;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The telemetry file (SPEC §10.2–§10.3, §11.3). Every update is a read-merge-write under an
 * exclusive lock on {@code <file>.lock} (threads and processes), written to a unique temporary
 * file in the same directory and atomically renamed over the file, so concurrent writers lose no
 * counts and readers need no lock. Updates never throw: a failure is reported as a
 * {@code telemetry_error} event and the caller goes on. A corrupt file is moved aside by the next
 * writer and counting restarts from zero. Thread safe.
 *
 * <p>Durability: the new content is not forced to the storage device. After a process crash the
 * file holds the last completed update; after a power loss it may hold an older one or be empty,
 * and an empty file is handled as corrupt (moved aside, counting restarts).
 */
public final class TelemetryStore {
    private static final int MAX_CORRUPT_SUFFIX = 10_000;

    private final Path file;
    private final EventSink events;
    private final Clock clock;

    /**
     * @param file   the telemetry file ({@code RUSTY_PINCH_TELEMETRY_FILE}); nothing is created
     *               until the first update
     * @param events where {@code telemetry_error} events go
     * @param clock  the time source for {@code updated_at}, worker expiry and corrupt-file names
     */
    public TelemetryStore(Path file, EventSink events, Clock clock) {
        this.file = requireNonNull(file, "file is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The telemetry file. */
    public Path file() {
        return file;
    }

    /**
     * Counts a turn (SPEC §10.2): {@code total_turns}, {@code ok_turns} or {@code error_turns},
     * {@code tool_turns} or {@code provider_turns}, the attempts; replaces {@code last_turn}; sets
     * {@code updated_at}; merges {@code bus} when given. Never throws.
     *
     * @return whether the file was updated; when not, {@code bus} is not counted and a {@code telemetry_error} was written
     */
    public boolean record(TurnRecord turn, BusDelta bus) {
        return record(turn, AgentCounts.ZERO, bus);
    }

    /**
     * As {@link #record(TurnRecord, BusDelta)}, also adding the turn's agent-mode counts to {@code agent} (SPEC §18.6).
     */
    public boolean record(TurnRecord turn, AgentCounts agent, BusDelta bus) {
        requireNonNull(turn, "turn is null");
        requireNonNull(agent, "agent is null");
        return recordAll(List.of(new CountedTurn(turn, agent)), bus);
    }

    /**
     * Counts several turns, in order, in one locked read-merge-write, as {@link #record} counts one ({@code last_turn}
     * is the last of them); without turns only {@code bus} is merged, as {@link #flushBus} does. Never throws.
     *
     * @param bus the bus counters to merge, or null
     * @return whether the file was updated (true when there was nothing to write); when not, nothing was counted and a
     *         {@code telemetry_error} was written
     */
    public boolean recordAll(List<CountedTurn> turns, BusDelta bus) {
        List<CountedTurn> batch = List.copyOf(turns);
        if (batch.isEmpty()) {
            return bus == null || flushBus(bus);
        }
        return update((current, now) -> {
            TelemetrySnapshot counted = current;
            for (CountedTurn turn : batch) {
                counted = countTurn(counted, turn.turn(), turn.agent(), now);
            }
            return mergeBus(counted, bus, now);
        });
    }

    /**
     * Merges a bus delta without counting a turn or changing {@code updated_at}. Never throws.
     *
     * @return whether the file was updated; when not, the delta is not counted and a {@code telemetry_error} was written
     */
    public boolean flushBus(BusDelta delta) {
        requireNonNull(delta, "delta is null");
        return update((current, now) -> mergeBus(current, delta, now));
    }

    /**
     * Reads the file without a lock and without changing anything (SPEC §10.3): a missing file gives
     * the defaults, {@code schema_version} 0 reads as 1, an empty {@code updated_at} as now, unknown
     * fields are ignored, a missing {@code bus} is zeros.
     *
     * @throws CorruptTelemetryException the file is corrupt or cannot be read; the reason says which
     */
    public TelemetrySnapshot read() throws CorruptTelemetryException {
        String now = Timestamps.format(clock.instant());
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return TelemetrySnapshot.defaults(now);
        } catch (IOException e) {
            throw new CorruptTelemetryException("cannot be read: " + describe(e));
        }
        TelemetrySnapshot snapshot = TelemetryFileFormat.decode(content);
        long schemaVersion = snapshot.schemaVersion() == 0 ? TelemetrySnapshot.SCHEMA_VERSION : snapshot.schemaVersion();
        String updatedAt = UnicodeWhitespace.isBlank(snapshot.updatedAt()) ? now : snapshot.updatedAt();
        return new TelemetrySnapshot(schemaVersion, updatedAt, snapshot.totalTurns(), snapshot.okTurns(),
                snapshot.errorTurns(), snapshot.providerTurns(), snapshot.toolTurns(),
                snapshot.totalProviderAttempts(), snapshot.lastTurn(), snapshot.busPublished(),
                snapshot.busConsumed(), snapshot.busDropped(), snapshot.workers(), snapshot.agent());
    }

    /** How many {@code <file name>.corrupt-*} files lie beside the file (0 when there is no directory). */
    public long countCorruptFiles() {
        Path dir = directory();
        String prefix = file.getFileName() + ".corrupt-";
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path ignored : entries) {
                count++;
            }
        } catch (IOException e) {
            return 0;
        }
        return count;
    }

    private static TelemetrySnapshot countTurn(TelemetrySnapshot current, TurnRecord turn, AgentCounts agent, Instant now) {
        boolean ok = "ok".equals(turn.status());
        boolean tool = "tool".equals(turn.path());
        long attempts = turn.attempts() == null ? 0 : turn.attempts();
        return new TelemetrySnapshot(
                TelemetrySnapshot.SCHEMA_VERSION,
                Timestamps.format(now),
                saturatedAdd(current.totalTurns(), 1),
                saturatedAdd(current.okTurns(), ok ? 1 : 0),
                saturatedAdd(current.errorTurns(), ok ? 0 : 1),
                saturatedAdd(current.providerTurns(), tool ? 0 : 1),
                saturatedAdd(current.toolTurns(), tool ? 1 : 0),
                saturatedAdd(current.totalProviderAttempts(), attempts),
                turn,
                current.busPublished(),
                current.busConsumed(),
                current.busDropped(),
                current.workers(),
                current.agent().plus(agent));
    }

    /** Adds the delta (if any), replaces or removes its worker entry, and drops expired entries. */
    private static TelemetrySnapshot mergeBus(TelemetrySnapshot current, BusDelta delta, Instant now) {
        List<WorkerState> workers = new ArrayList<>();
        for (WorkerState worker : current.workers()) {
            boolean replaced = delta != null && delta.worker() != null && delta.worker().id().equals(worker.id());
            if (!replaced && TelemetrySnapshot.isLive(worker, now)) {
                workers.add(worker);
            }
        }
        if (delta != null && delta.worker() != null && !delta.removeWorker()) {
            workers.add(delta.worker());
        }
        long published = delta == null ? 0 : delta.published();
        long consumed = delta == null ? 0 : delta.consumed();
        long dropped = delta == null ? 0 : delta.dropped();
        return new TelemetrySnapshot(TelemetrySnapshot.SCHEMA_VERSION, current.updatedAt(), current.totalTurns(),
                current.okTurns(), current.errorTurns(), current.providerTurns(), current.toolTurns(),
                current.totalProviderAttempts(), current.lastTurn(),
                saturatedAdd(current.busPublished(), published),
                saturatedAdd(current.busConsumed(), consumed),
                saturatedAdd(current.busDropped(), dropped),
                workers,
                current.agent());
    }

    @FunctionalInterface
    private interface Merge {
        TelemetrySnapshot apply(TelemetrySnapshot current, Instant now);
    }

    private boolean update(Merge merge) {
        boolean interrupted = Thread.interrupted();
        try {
            updateLocked(merge);
            return true;
        } catch (UpdateFailure e) {
            emitError(e.getMessage());
            return false;
        } catch (RuntimeException e) {
            emitError("failed to update telemetry file " + file + ": " + e);
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void updateLocked(Merge merge) throws UpdateFailure {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel lockChannel;
        try {
            PrivateFiles.createDirectories(directory());
            lockChannel = PrivateFiles.newFileChannel(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UpdateFailure("failed to open telemetry lock file " + lockFile + ": " + describe(e));
        }
        try (lockChannel; FileMutex mutex = lockExclusively(lockFile, lockChannel)) {
            Instant now = clock.instant();
            TelemetrySnapshot current = readForUpdate(now);
            write(merge.apply(current, now));
        } catch (IOException e) {
            throw new UpdateFailure("failed to close telemetry lock file " + lockFile + ": " + describe(e));
        }
    }

    private static FileMutex lockExclusively(Path lockFile, FileChannel channel) throws UpdateFailure {
        try {
            return FileMutex.exclusive(lockFile, channel);
        } catch (IOException e) {
            throw new UpdateFailure("failed to lock telemetry lock file " + lockFile + ": " + describe(e));
        }
    }

    private TelemetrySnapshot readForUpdate(Instant now) throws UpdateFailure {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return TelemetrySnapshot.defaults("");
        } catch (IOException e) {
            throw new UpdateFailure("failed to read telemetry file " + file + ": " + describe(e));
        }
        try {
            return TelemetryFileFormat.decode(content);
        } catch (CorruptTelemetryException e) {
            Path moved = moveCorrupt(now);
            emitError("corrupt telemetry file moved to " + moved + ": " + e.reason());
            return TelemetrySnapshot.defaults("");
        }
    }

    private Path moveCorrupt(Instant now) throws UpdateFailure {
        String base = file.getFileName() + ".corrupt-" + CorruptStamp.FORMAT.format(now);
        for (int suffix = 0; suffix <= MAX_CORRUPT_SUFFIX; suffix++) {
            Path target = file.resolveSibling(suffix == 0 ? base : base + "-" + suffix);
            try {
                Files.move(file, target);
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            } catch (IOException e) {
                throw new UpdateFailure("failed to move corrupt telemetry file " + file + " to " + target + ": " + describe(e));
            }
        }
        throw new UpdateFailure("failed to move corrupt telemetry file " + file + ": too many corrupt files named " + base);
    }

    private void write(TelemetrySnapshot snapshot) throws UpdateFailure {
        Path temp = temporaryFile();
        try (OutputStream out = PrivateFiles.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
            out.write(TelemetryFileFormat.encode(snapshot).getBytes(UTF_8));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UpdateFailure("failed to write telemetry file " + temp + ": " + describe(e));
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UpdateFailure("failed to replace telemetry file " + file + ": " + describe(e));
        }
    }

    /** {@code <file>.<pid>.<random>.tmp} beside the file. */
    Path temporaryFile() {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return file.resolveSibling(file.getFileName() + "." + CurrentProcess.pid() + "." + random + ".tmp");
    }

    private Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a stray temporary file is harmless; the failure itself is being reported
        }
    }

    private void emitError(String message) {
        events.emit("telemetry_error", Map.of("message", message));
    }

    /** A short, secret-free description of an I/O failure, e.g. {@code access denied}. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file already exists";
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }

    /** Built on first use: a date-time formatter costs milliseconds to set up, and corrupt files are rare. */
    private static final class CorruptStamp {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

        private CorruptStamp() {
        }
    }

    /** An update step failed; the message is the {@code telemetry_error} text. */
    private static final class UpdateFailure extends Exception {
        private static final long serialVersionUID = 1L;

        UpdateFailure(String message) {
            super(message);
        }
    }
}
