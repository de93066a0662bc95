package dev.rustypinch.runtime.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of JVM-wide locks, one chosen per file by its real path, so two spellings of one file (a symbolic link,
 * {@code a/../b}) share a lock. The real path of a file that exists is resolved once and remembered (up to
 * {@code cacheLimit} files, then the memory starts over); a file that does not exist yet uses its absolute normalised
 * path and is resolved again next time.
 */
final class LockStripes {
    /** Resolves a path to its real path; throws when the file does not exist. */
    interface RealPaths {
        Path resolve(Path path) throws IOException;
    }

    private final ReentrantLock[] stripes;
    private final RealPaths realPaths;
    private final int cacheLimit;
    private final Map<Path, Integer> indexByPath = new ConcurrentHashMap<>();

    LockStripes(int count, int cacheLimit, RealPaths realPaths) {
        if (count < 1 || cacheLimit < 1) {
            throw new IllegalArgumentException("count and cacheLimit must be positive");
        }
        this.realPaths = requireNonNull(realPaths, "realPaths is null");
        this.cacheLimit = cacheLimit;
        this.stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock stripeFor(Path file) {
        requireNonNull(file, "file is null");
        Integer known = indexByPath.get(file);
        if (known != null) {
            return stripes[known];
        }
        Path real;
        try {
            real = realPaths.resolve(file);
        } catch (IOException e) {
            return stripes[indexOf(file.toAbsolutePath().normalize())];
        }
        int index = indexOf(real);
        if (indexByPath.size() >= cacheLimit) {
            indexByPath.clear();
        }
        indexByPath.put(file, index);
        return stripes[index];
    }

    private int indexOf(Path key) {
        return Math.floorMod(key.hashCode(), stripes.length);
    }
}
