package dev.rustypinch.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's class-data-sharing training run (SPEC §16.1): runs the common short commands in-process, so that the
 * JVM started with {@code -XX:ArchiveClassesAtExit} (Java 17) or {@code -XX:AOTCacheOutput} (Java 25+) archives the
 * classes they load when this program exits. Everything happens in a temporary directory with the {@code local}
 * provider and an empty env file: no network, none of the user's settings or data. Only the plugin directory and the
 * disabled-plugin list come from the process environment, because they decide which plugin classes load.
 */
public final class ArchiveTraining {
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"--version"},
            new String[] {"--help"},
            new String[] {"doctor"},
            new String[] {"plugins", "list"},
            new String[] {"tools", "list"},
            new String[] {"stats"},
            new String[] {"run", "--session", "training", "--message", "hello"},
            new String[] {"run", "--session", "training", "--message", "hello again"},
            new String[] {"tools", "run", "--session", "training", "--name", "time_now"},
            new String[] {"session", "--session", "training"},
            new String[] {"stats"},
            new String[] {"doctor"});

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path home = Main.home();
        Main.configureLogging(home);
        Path work = Files.createTempDirectory("rusty-pinch-training-");
        try {
            Map<String, String> env = environment(work);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
            for (String[] command : COMMANDS) {
                Main.run(command, env, work, home, new ByteArrayInputStream(new byte[0]), quiet, quiet);
            }
        } finally {
            deleteTree(work);
        }
        System.exit(0);
    }

    private static Map<String, String> environment(Path work) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("RUSTY_PINCH_ENV_FILE", Files.writeString(work.resolve("training.env"), "", UTF_8).toString());
        env.put("RUSTY_PINCH_PROVIDER", "local");
        env.put("RUSTY_PINCH_MODEL", "training");
        env.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        env.put("RUSTY_PINCH_WORKSPACE", work.resolve("workspace").toString());
        env.put("RUSTY_PINCH_TELEMETRY_FILE", work.resolve("data/telemetry/latest.json").toString());
        String pluginsDir = System.getenv("RUSTY_PINCH_PLUGINS_DIR");
        if (pluginsDir != null) {
            env.put("RUSTY_PINCH_PLUGINS_DIR", Path.of(pluginsDir).toAbsolutePath().toString());
        }
        String disabled = System.getenv("RUSTY_PINCH_PLUGINS_DISABLED");
        if (disabled != null) {
            env.put("RUSTY_PINCH_PLUGINS_DISABLED", disabled);
        }
        return env;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
