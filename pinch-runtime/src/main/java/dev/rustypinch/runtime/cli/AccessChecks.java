package dev.rustypinch.runtime.cli;

import dev.rustypinch.runtime.config.Environment;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code doctor} checks of SPEC §21 on who else can reach this user's data, secrets and code: warnings 18, 22 and
 * 23 of SPEC §4, in the spirit of OpenSSH's StrictModes. They read modes only and create nothing; a path that does not
 * exist, cannot be read or has no POSIX permissions gives no warning.
 */
final class AccessChecks {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER_READ =
            EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final String[] SECRET_SUFFIXES = {"_API_KEY", "_TOKEN", "_SECRET", "_PASSWORD"};

    private AccessChecks() {
    }

    /**
     * #18: the data directory or its {@code sessions/} grants any group/other permission.
     *
     * @param dataDir the data directory, resolved
     * @param shown   the data directory as configured, for the warning
     */
    static Optional<String> dataDirectory(Path dataDir, String shown) {
        if (grantsAny(dataDir, GROUP_OR_OTHER) || grantsAny(dataDir.resolve("sessions"), GROUP_OR_OTHER)) {
            return Optional.of("Data directory " + shown + " is readable by other users");
        }
        return Optional.empty();
    }

    /** #22: the {@code .env} in use is readable by group/other and sets a secret variable. */
    static Optional<String> envFile(Environment environment) {
        Optional<Path> file = environment.sourceFile();
        if (file.isEmpty() || environment.keysSetByFile().stream().noneMatch(AccessChecks::isSecret)
                || !grantsAny(file.get(), GROUP_OR_OTHER_READ)) {
            return Optional.empty();
        }
        return Optional.of("Env file " + file.get() + " is readable by other users and holds secrets");
    }

    /**
     * #23: the plugins directory or anything in it grants group/other write. Symbolic links inside are not followed.
     *
     * @param pluginsDir the plugins directory, resolved
     * @param shown      the plugins directory as configured, for the warning
     */
    static Optional<String> pluginsDirectory(Path pluginsDir, String shown) {
        if (!Files.isDirectory(pluginsDir) || !anyWritableByOthers(pluginsDir)) {
            return Optional.empty();
        }
        return Optional.of("Plugins directory " + shown
                + " is writable by other users: anyone who can write there runs code as this user");
    }

    /** API keys, tokens, secrets and passwords by name: {@code *_API_KEY}, {@code *_TOKEN}, {@code *_SECRET}, {@code *_PASSWORD}. */
    static boolean isSecret(String variable) {
        String name = variable.toUpperCase(Locale.ROOT);
        for (String suffix : SECRET_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyWritableByOthers(Path pluginsDir) {
        boolean[] found = {false};
        try {
            Files.walkFileTree(pluginsDir.toRealPath(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return check(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    return attributes.isSymbolicLink() ? FileVisitResult.CONTINUE : check(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private FileVisitResult check(Path path) {
                    found[0] = grantsAny(path, GROUP_OR_OTHER_WRITE);
                    return found[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the plugins directory vanished or cannot be resolved: report what was seen
        }
        return found[0];
    }

    private static boolean grantsAny(Path path, Set<PosixFilePermission> permissions) {
        Set<PosixFilePermission> granted;
        try {
            granted = Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        return granted.stream().anyMatch(permissions::contains);
    }
}
