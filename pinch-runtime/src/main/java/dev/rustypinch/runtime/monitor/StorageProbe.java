package dev.rustypinch.runtime.monitor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Storage figures (SPEC §14.3): recursive directory sizes without following links, and filesystem usage. */
final class StorageProbe {
    private StorageProbe() {
    }

    record FileSystemUsage(long used, long total, long avail, long usePercent) {
    }

    /** Sum of regular file sizes under {@code dir}; a missing directory is 0, unreadable parts are skipped. */
    static long directorySize(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }

    /** Usage of the file store holding {@code dir} or its nearest existing parent. */
    static Optional<FileSystemUsage> fileSystem(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            long total = store.getTotalSpace();
            long avail = store.getUsableSpace();
            long used = total - store.getUnallocatedSpace();
            long denominator = used + avail;
            long percent = denominator <= 0 ? 0 : (used * 100 + denominator - 1) / denominator;
            return Optional.of(new FileSystemUsage(used, total, avail, percent));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
