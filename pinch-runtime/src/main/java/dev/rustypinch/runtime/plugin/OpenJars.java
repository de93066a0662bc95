package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The jars of one plugin opened while it loads, each once, as plain zip files. They are read for the descriptor,
 * the bundled-jar markers and the services files; a {@link java.util.jar.JarFile} would also scan each manifest for
 * {@code Multi-Release} on the first lookup, which the class loader does anyway for the jars it actually reads
 * classes from. While a handle is open the JDK shares the jar's parsed central directory with the class loader's
 * own handle.
 */
final class OpenJars implements AutoCloseable {
    private final Map<Path, ZipFile> files = new LinkedHashMap<>();

    /** The jar, opened on first use. */
    ZipFile open(Path jar) throws IOException {
        requireNonNull(jar, "jar is null");
        ZipFile file = files.get(jar);
        if (file == null) {
            file = new ZipFile(jar.toFile());
            files.put(jar, file);
        }
        return file;
    }

    @Override
    public void close() {
        for (ZipFile file : files.values()) {
            try {
                file.close();
            } catch (IOException ignored) {
                // Only read from; nothing is lost when a read-only handle fails to close.
            }
        }
        files.clear();
    }
}
