package dev.rustypinch.runtime.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on one file among the threads of this JVM and among processes. An OS file lock
 * belongs to the whole process, and the JVM refuses a second lock on a file it already locks, so
 * threads first take a JVM-wide lock (one of a fixed set of stripes chosen by the file's real path,
 * resolved once per file: {@link LockStripes}), then the OS lock on the file's channel. {@link #close()}
 * releases both; it must be called by the thread that acquired the mutex.
 * Only one mutex may be held by a thread at a time.
 */
public final class FileMutex implements AutoCloseable {
    private static final LockStripes STRIPES = new LockStripes(64, 4096, Path::toRealPath);
    /** The text of {@code EDEADLK} in the {@link IOException} that {@link FileChannel#lock} throws on Linux. */
    private static final String DEADLOCK_AVOIDED = "Resource deadlock avoided";
    private static final long DEADLOCK_RETRY_LIMIT_NANOS = 30_000_000_000L;

    private final ReentrantLock stripe;
    private final FileLock osLock;
    private boolean released;

    private FileMutex(ReentrantLock stripe, FileLock osLock) {
        this.stripe = stripe;
        this.osLock = osLock;
    }

    /**
     * Blocks until this thread holds the file exclusively (no other thread or process holds a
     * {@link FileMutex} on it).
     *
     * @param file    the file the channel is open on, used to pick the JVM-wide lock
     * @param channel a channel open for writing on {@code file}
     */
    public static FileMutex exclusive(Path file, FileChannel channel) throws IOException {
        return acquire(file, channel, false);
    }

    /**
     * Blocks until no other process holds the file exclusively; other threads of this JVM are
     * kept out entirely.
     *
     * @param file    the file the channel is open on, used to pick the JVM-wide lock
     * @param channel a channel open for reading on {@code file}
     */
    public static FileMutex shared(Path file, FileChannel channel) throws IOException {
        return acquire(file, channel, true);
    }

    private static FileMutex acquire(Path file, FileChannel channel, boolean sharedOsLock) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(channel, "channel is null");
        ReentrantLock stripe = STRIPES.stripeFor(file);
        stripe.lock();
        try {
            return new FileMutex(stripe, osLock(channel, sharedOsLock));
        } catch (IOException | RuntimeException e) {
            stripe.unlock();
            throw e;
        }
    }

    /**
     * Takes the OS lock, retrying when the kernel reports a deadlock. Linux detects deadlocks between processes, not
     * threads: while one thread of process A holds file X and another waits for file Y held by process B, a thread of
     * B waiting for X looks like a cycle and gets {@code EDEADLK}, although no thread holds two mutexes (see the class
     * comment) and A's holder will release X. Backing off briefly lets that holder finish.
     */
    private static FileLock osLock(FileChannel channel, boolean shared) throws IOException {
        long deadline = System.nanoTime() + DEADLOCK_RETRY_LIMIT_NANOS;
        while (true) {
            try {
                return channel.lock(0L, Long.MAX_VALUE, shared);
            } catch (IOException e) {
                if (!DEADLOCK_AVOIDED.equals(e.getMessage()) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a file lock", e);
            }
        }
    }

    /** Releases the OS lock, then the JVM-wide lock. Idempotent. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            osLock.release();
        } catch (IOException e) {
            // The OS lock goes away with the channel, which every caller closes next.
        } finally {
            stripe.unlock();
        }
    }
}
