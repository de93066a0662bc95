package dev.rustypinch.runtime.inbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates the inbox journal's directories with mode {@code 0700} and its files with mode {@code 0600}, whatever the
 * umask (SPEC §21); existing ones keep their mode. The only place in this package that creates a file or directory.
 */
final class PrivateFiles {
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code directory} and its missing parents, each new one {@code 0700}. */
    static void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path current = directory.toAbsolutePath(); current != null && !Files.isDirectory(current);
                current = current.getParent()) {
            missing.push(current);
        }
        for (Path path : missing) {
            try {
                Files.createDirectory(path);
                restrict(path, DIRECTORY_MODE);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(path)) {
                    throw e;
                }
            }
        }
    }

    /** Opens {@code file} for writing, creating it {@code 0600} when it does not exist. */
    static FileChannel openForWriting(Path file, OpenOption... options) throws IOException {
        boolean created = !Files.exists(file);
        Set<OpenOption> all = new HashSet<>(Set.of(options));
        all.add(StandardOpenOption.CREATE);
        all.add(StandardOpenOption.WRITE);
        FileChannel channel = POSIX
                ? FileChannel.open(file, all, PosixFilePermissions.asFileAttribute(FILE_MODE))
                : FileChannel.open(file, all);
        if (created) {
            restrict(file, FILE_MODE);
        }
        return channel;
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, mode);
        }
    }
}
