package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A temporary installation holding the real launcher (copied from the built distribution), an
 * empty lib/ and conf/, and a fake JDK whose {@code bin/java} records its arguments.
 */
final class FakeInstall {
    private static final String FAKE_JAVA = """
            #!/bin/sh
            if [ "$1" = -version ]; then
                printf '%s\\n' "openjdk version \\"${FAKE_JAVA_VERSION:-17.0.9}\\" 2023-10-17" >&2
                exit 0
            fi
            index_out=
            for arg in "$@"; do
                case $arg in
                    -Drusty-pinch.jar-index.out=*) index_out=${arg#*=} ;;
                esac
            done
            for arg in "$@"; do
                case $arg in
                    -XX:ArchiveClassesAtExit=*)
                        printf archive > "${arg#*=}"
                        if [ -n "${FAKE_JAR_INDEX:-}" ] && [ -n "$index_out" ]; then printf index > "$index_out"; fi
                        exit 0 ;;
                esac
            done
            : > "$FAKE_JAVA_RECORD"
            for arg in "$@"; do
                printf '%s\\0' "$arg" >> "$FAKE_JAVA_RECORD"
            done
            exit "${FAKE_JAVA_EXIT:-0}"
            """;

    final Path root;
    final Path home;
    final Path jdk;
    final Path tools;
    final Path record;

    FakeInstall(Path root) {
        this.root = root;
        this.home = root.resolve("install/rusty-pinch");
        this.jdk = root.resolve("jdk");
        this.tools = root.resolve("tools");
        this.record = root.resolve("java-args.bin");
        try {
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("lib"));
            Files.createDirectories(home.resolve("conf"));
            Files.copy(Dist.launcher(), launcher(), StandardCopyOption.COPY_ATTRIBUTES);
            Files.createDirectories(jdk.resolve("bin"));
            executable(jdk.resolve("bin/java"), FAKE_JAVA);
            release(jdk, "17.0.9");
            Files.createDirectories(tools);
            link(tools.resolve("readlink"), systemTool("readlink"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path launcher() {
        return home.resolve("bin/rusty-pinch");
    }

    /** A clean environment: PATH holds readlink only; JAVA_HOME is the fake JDK; no class-data sharing. */
    Map<String, String> env() {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", tools.toString());
        env.put("JAVA_HOME", jdk.toString());
        env.put("FAKE_JAVA_RECORD", record.toString());
        env.put("RUSTY_PINCH_CDS", "off");
        return env;
    }

    /** The arguments the fake java was started with. */
    List<String> javaArgs() {
        try {
            String text = Files.readString(record, UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments the launcher adds after the JVM options. */
    List<String> tail(String... userArgs) {
        List<String> tail = new java.util.ArrayList<>(List.of(
                "-Drusty-pinch.home=" + home, "-cp", home + "/lib/*", Dist.MAIN_CLASS));
        tail.addAll(List.of(userArgs));
        return tail;
    }

    static void release(Path jdk, String version) throws IOException {
        Files.writeString(jdk.resolve("release"),
                "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n", UTF_8);
    }

    static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    static Path systemTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found");
    }
}
