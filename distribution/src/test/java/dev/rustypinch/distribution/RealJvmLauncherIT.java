package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher and conf/jvm.options with a real JVM; lib/ holds a probe {@code dev.rustypinch.runtime.Main}
 * (built at test time) that prints its home and arguments. Class-data sharing: {@link ClassDataSharingIT}.
 */
class RealJvmLauncherIT {
    private static final String PROBE = """
            package dev.rustypinch.runtime;

            public final class Main {
                public static void main(String[] args) {
                    System.out.println("home=" + System.getProperty("rusty-pinch.home"));
                    for (String arg : args) {
                        System.out.println("arg=" + arg);
                    }
                    if (args.length == 2 && args[0].equals("exit")) {
                        System.exit(Integer.parseInt(args[1]));
                    }
                }
            }
            """;

    @TempDir
    Path tempDir;

    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        Path root = tempDir.toRealPath();
        home = root.resolve("rusty-pinch");
        for (String dir : List.of("bin", "conf")) {
            Files.createDirectories(home.resolve(dir));
            try (Stream<Path> list = Files.list(Dist.UNPACKED.resolve(dir))) {
                for (Path file : list.toList()) {
                    Files.copy(file, home.resolve(dir).resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        ProbeJar.build(root.resolve("probe"), "dev.rustypinch.runtime.Main", PROBE, List.of(), home.resolve("lib/probe.jar"));
    }

    private Map<String, String> env(Path javaHome) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("RUSTY_PINCH_CDS", "off");
        return env;
    }

    private Run.Result launch(Path javaHome, String... args) {
        return Run.of(Stream.concat(Stream.of(home.resolve("bin/rusty-pinch").toString()), Stream.of(args)).toArray())
                .in(tempDir).envAll(env(javaHome)).go();
    }

    private static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    @Test
    void jvmOptionsAreAcceptedByJava17() {
        Run.Result result = launch(currentJavaHome(), "run", "--message", "hello world");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("home=" + home + "\narg=run\narg=--message\narg=hello world\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void exitCodeOfTheJvmIsReturned() {
        Run.Result result = launch(currentJavaHome(), "exit", "3");

        assertEquals(3, result.exitCode(), result::toString);
    }

    @Test
    void jvmOptionsAreQuietOnTheNewestInstalledJdk() throws IOException {
        Optional<Path> newest = newestJdkAbove17();
        assumeTrue(newest.isPresent(), "no JDK newer than 17 under /usr/lib/jvm");

        Run.Result result = launch(newest.get(), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("home=" + home + "\narg=doctor\n", result.stdout());
        assertEquals("", result.stderr());
    }

    static Optional<Path> newestJdkAbove17() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(jvms)) {
            return list.filter(dir -> Files.isExecutable(dir.resolve("bin/java")) && major(dir) > 17)
                    .max(Comparator.comparingInt(RealJvmLauncherIT::major));
        }
    }

    static int major(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"), UTF_8)) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String version = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(version.split("[^0-9]", 2)[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
