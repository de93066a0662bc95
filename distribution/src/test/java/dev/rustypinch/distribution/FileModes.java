package dev.rustypinch.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The modes a command leaves behind (SPEC §21): every directory {@code 0700}, every file {@code 0600}. Child processes
 * run under {@code umask 022}, the usual default, so a file created without an explicit mode would show as 0644.
 */
public final class FileModes {
    /** The umask the children run under. */
    public static final String UMASK = "022";

    private FileModes() {
    }

    /** {@code sh -c 'umask 022; exec "$0" "$@"' <command…>}: the command, with the usual permissive umask. */
    public static List<String> underUmask(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "umask " + UMASK + "; exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Mode strings ({@code rwx------}) of the root and everything under it, keyed by relative path ({@code .} = root). */
    public static Map<String, String> under(Path root) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.equals(path) ? "." : root.relativize(path).toString();
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                modes.put(name + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "/" : ""), mode);
            }
        }
        return modes;
    }

    /** The entries of {@link #under} that are not private: directories other than rwx------, files other than rw-------. */
    public static Map<String, String> notPrivate(Map<String, String> modes) {
        Map<String, String> wrong = new TreeMap<>();
        modes.forEach((name, mode) -> {
            String expected = name.endsWith("/") ? "rwx------" : "rw-------";
            if (!mode.equals(expected)) {
                wrong.put(name, mode);
            }
        });
        return wrong;
    }
}
