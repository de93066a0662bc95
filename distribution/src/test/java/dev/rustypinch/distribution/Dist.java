package dev.rustypinch.distribution;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the build put the distribution under test (failsafe system properties). */
final class Dist {
    static final String VERSION = property("dist.version");
    static final String NAME = "rusty-pinch-" + VERSION;
    static final Path UNPACKED = path("dist.unpacked");
    static final Path ZIP = path("dist.zip");
    static final Path TARBALL = path("dist.tarball");
    static final Path PROJECT_ROOT = path("project.root");
    static final String MAIN_CLASS = "dev.rustypinch.runtime.Main";
    static final String[] DEFAULT_PLUGINS = {
        "pinch-channel-telegram", "pinch-channel-web", "pinch-channel-whatsapp", "pinch-provider-openai",
        "pinch-tools-builtin", "pinch-tools-mcp"};

    private Dist() {
    }

    static Path launcher() {
        return UNPACKED.resolve("bin/rusty-pinch");
    }

    private static String property(String name) {
        return requireNonNull(System.getProperty(name), name + " is not set (run through mvn verify)");
    }

    private static Path path(String name) {
        Path path = Paths.get(property(name)).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(name + " does not exist: " + path + " (run mvn package first)");
        }
        return path;
    }
}
