package dev.rustypinch.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates files and directories that only their owner can use (SPEC §21): directories {@code 0700},
 * files {@code 0600}, whatever the umask, because the modes are given to the operating system at
 * creation (the umask can only take permissions away). Files and directories that already exist keep
 * their mode. On a file system without POSIX permissions the files are created with its defaults.
 *
 * <p>A plugin writes its state through these methods, under the directories its
 * {@link PluginContext#dataDirectory()} documents, so its users' data stays private.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private PrivateFiles() {
    }

    /**
     * Like {@link Files#createDirectories}: creates the directory and its missing parents, each
     * {@code 0700}; existing directories are left as they are.
     *
     * @return the directory
     */
    public static Path createDirectories(Path directory) throws IOException {
        requireNonNull(directory, "directory is null");
        return Files.createDirectories(directory, attributes(directory, DIRECTORY_MODE));
    }

    /**
     * Like {@link FileChannel#open(Path, OpenOption...)}; a file created by {@link StandardOpenOption#CREATE}
     * or {@link StandardOpenOption#CREATE_NEW} is {@code 0600}. The parent directory must exist.
     */
    public static FileChannel newFileChannel(Path file, OpenOption... options) throws IOException {
        requireNonNull(file, "file is null");
        Set<OpenOption> set = new LinkedHashSet<>(Arrays.asList(requireNonNull(options, "options is null")));
        return FileChannel.open(file, set, attributes(file, FILE_MODE));
    }

    /**
     * Like {@link Files#newOutputStream(Path, OpenOption...)} (no options: create, truncate, write); a
     * file it creates is {@code 0600}. The parent directory must exist.
     */
    public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
        requireNonNull(options, "options is null");
        OpenOption[] effective = options.length == 0
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING}
                : options;
        Set<OpenOption> set = new LinkedHashSet<>(Arrays.asList(effective));
        set.add(StandardOpenOption.WRITE);
        return Channels.newOutputStream(newFileChannel(file, set.toArray(new OpenOption[0])));
    }

    /**
     * Opens the file for appending, creating it {@code 0600} (and its missing parent directories
     * {@code 0700}) when it does not exist.
     */
    public static OutputStream openForAppend(Path file) throws IOException {
        requireNonNull(file, "file is null");
        createParentDirectories(file);
        return newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Like {@link Files#createTempFile(Path, String, String, FileAttribute[])}, always {@code 0600}. */
    public static Path createTempFile(Path directory, String prefix, String suffix) throws IOException {
        requireNonNull(directory, "directory is null");
        return Files.createTempFile(directory, prefix, suffix, attributes(directory, FILE_MODE));
    }

    /**
     * Replaces the file's content all at once: the bytes go to a new {@code 0600} file beside it
     * ({@code <name>.<pid>.<random>.tmp}), which is then renamed over the file, so a reader sees the
     * old or the new content, never a part. Missing parent directories are created {@code 0700}. The
     * replacement is {@code 0600} even when the replaced file had another mode. The temporary file is
     * removed when the write fails. Not forced to the disk: a power cut may keep the old content.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        createParentDirectories(file);
        Path temp = temporaryFileFor(file);
        try {
            try (OutputStream out = newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                out.write(content);
            }
            moveReplacing(temp, file);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void moveReplacing(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path temporaryFileFor(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file path: " + file);
        }
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return file.resolveSibling(name + "." + ProcessHandle.current().pid() + "." + random + ".tmp");
    }

    private static void createParentDirectories(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return NONE;
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }
}
