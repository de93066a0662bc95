package dev.rustypinch.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A temporary directory a benchmark writes its data into, deleted with everything in it on {@link #close()} or,
 * when a failed benchmark skips its tear-down, when the JVM exits. It is created under the directory named by the system property {@value #PARENT_PROPERTY} when set (to measure
 * another file system), else under the JVM's temporary directory.
 */
final class ScratchDirectory implements AutoCloseable {
    /** System property naming the parent directory of scratch directories. */
    static final String PARENT_PROPERTY = "rustypinch.bench.dir";

    private final Path path;
    private boolean closed;

    private ScratchDirectory(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    private static ScratchDirectory deletedAtExit(Path path) {
        ScratchDirectory scratch = new ScratchDirectory(path);
        Runtime.getRuntime().addShutdownHook(new Thread(scratch::closeAtExit, "scratch-cleanup-" + path.getFileName()));
        return scratch;
    }

    /** Creates a fresh directory whose name starts with {@code prefix}. */
    static ScratchDirectory create(String prefix) {
        requireNonNull(prefix, "prefix is null");
        String parent = System.getProperty(PARENT_PROPERTY);
        try {
            if (parent == null || parent.isBlank()) {
                return deletedAtExit(Files.createTempDirectory(prefix));
            }
            Path parentDir = Files.createDirectories(Paths.get(parent));
            return deletedAtExit(Files.createTempDirectory(parentDir, prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory (" + PARENT_PROPERTY + "="
                    + (parent == null ? "<unset>" : parent) + "): " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the directory tree; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(path)) {
            entries = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scratch directory " + path + ": " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + entry + ": " + e.getMessage(), e);
            }
        }
    }

    private void closeAtExit() {
        try {
            close();
        } catch (UncheckedIOException e) {
            System.err.println("WARN " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ScratchDirectory[" + path + "]";
    }
}
