package dev.rustypinch.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The runtime's version, from the build: the jar manifest's {@code Implementation-Version} (no resource to open, which
 * keeps {@code --version} cheap), else {@code runtime.properties} (classes run from a build directory).
 */
public final class RuntimeVersion {
    private static final String VERSION = load();

    private RuntimeVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        String fromManifest = RuntimeVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = RuntimeVersion.class.getResourceAsStream("runtime.properties")) {
            if (in == null) {
                throw new IllegalStateException("runtime.properties is missing from the runtime jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
