package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bin/rusty-pinch (SPEC §16.1) against a fake JDK whose java records its arguments. */
class LauncherIT {
    private static final String NO_JAVA = "rusty-pinch: Java 17 or newer is required (set JAVA_HOME)\n";

    @TempDir
    Path tempDir;

    private FakeInstall install;
    private Path elsewhere;

    @BeforeEach
    void setUp() throws IOException {
        install = new FakeInstall(tempDir.toRealPath());
        elsewhere = Files.createDirectories(install.root.resolve("elsewhere"));
    }

    private Run.Result launch(Object launcher, String... args) {
        List<Object> command = new ArrayList<>();
        command.add(launcher);
        command.addAll(List.of(args));
        return Run.of(command.toArray()).in(elsewhere).envAll(install.env()).go();
    }

    @Test
    void execsJavaFromJavaHomeWithMainClassAndHome() {
        Run.Result result = launch(install.launcher(), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void passesOptionsInOrderJvmOptionsThenOptionsDirThenJavaOpts() throws IOException {
        Path conf = install.home.resolve("conf");
        Files.writeString(conf.resolve("jvm.options"),
                "# comment\n\n-Xmx64m\n   -Dspaced=a b c   \r\n\t# indented comment\n-XX:+UseSerialGC", UTF_8);
        Path dir = Files.createDirectories(conf.resolve("jvm.options.d"));
        Files.writeString(dir.resolve("20-second.options"), "-Dorder=20\n", UTF_8);
        Files.writeString(dir.resolve("10-first.options"), "-Dorder=10\n#-Dignored\n", UTF_8);
        Files.writeString(dir.resolve("30-not-options.txt"), "-Dignored=txt\n", UTF_8);

        Run.Result result = Run.of(install.launcher(), "run", "--message", "hi").in(elsewhere).envAll(install.env())
                .env("RUSTY_PINCH_JAVA_OPTS", "  -Xss1m \t -Dglob=*  ").go();

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = new ArrayList<>(List.of(
                "-Xmx64m", "-Dspaced=a b c", "-XX:+UseSerialGC", "-Dorder=10", "-Dorder=20", "-Xss1m", "-Dglob=*"));
        expected.addAll(install.tail("run", "--message", "hi"));
        assertEquals(expected, install.javaArgs());
    }

    @Test
    void passesUserArgumentsUnchanged() {
        String[] args = {"run", "--message", "hello  world", "", "*", "$HOME", "two\nlines", "-x", "'quoted'", "a\\b"};

        Run.Result result = launch(install.launcher(), args);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail(args), install.javaArgs());
    }

    @Test
    void commandLineContainsRustyPinchForMonitorDiscovery() {
        launch(install.launcher(), "channels", "telegram");

        assertTrue(String.join(" ", install.javaArgs()).contains("-Drusty-pinch.home="));
    }

    @Test
    void findsHomeThroughSymlinkFromAnotherDirectory() throws IOException {
        Path link = install.root.resolve("usr/local/bin/rusty-pinch");
        FakeInstall.link(link, install.launcher());

        Run.Result result = launch(link, "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void findsHomeThroughChainOfRelativeSymlinks() throws IOException {
        Path second = install.root.resolve("links/b/second");
        FakeInstall.link(second, Path.of("../../install/rusty-pinch/bin/rusty-pinch"));
        Path first = install.root.resolve("links/a/first");
        FakeInstall.link(first, Path.of("../b/second"));

        Run.Result result = launch(first, "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void findsHomeThroughSymlinkedBinDirectory() throws IOException {
        Path linkedBin = install.root.resolve("opt/linked-bin");
        FakeInstall.link(linkedBin, install.home.resolve("bin"));

        Run.Result result = launch(linkedBin.resolve("rusty-pinch"), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void findsHomeThroughSymlinkWithoutReadlink() throws IOException {
        Files.delete(install.tools.resolve("readlink"));
        FakeInstall.link(install.tools.resolve("ls"), FakeInstall.systemTool("ls"));
        Path link = install.root.resolve("usr/local/bin/rusty-pinch");
        FakeInstall.link(link, Path.of("../../../install/rusty-pinch/bin/rusty-pinch"));

        Run.Result result = launch(link, "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void usesJavaOnPathWhenJavaHomeIsUnset() {
        Run.Result result = Run.of(install.launcher(), "doctor").in(elsewhere).envAll(install.env())
                .env("JAVA_HOME", "").env("PATH", install.tools + ":" + install.jdk.resolve("bin")).go();

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void readsVersionOfJavaOnPathThroughItsSymlinks() throws IOException {
        FakeInstall.release(install.jdk, "11.0.2");
        FakeInstall.link(install.root.resolve("alternatives/java"), install.jdk.resolve("bin/java"));
        FakeInstall.link(install.root.resolve("path/java"), install.root.resolve("alternatives/java"));

        Run.Result result = Run.of(install.launcher(), "doctor").in(elsewhere).envAll(install.env())
                .env("JAVA_HOME", "").env("PATH", install.tools + ":" + install.root.resolve("path")).go();

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(NO_JAVA, result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionIsAnsweredFromTheVersionFileWithoutStartingJava(String option) throws IOException {
        Files.writeString(install.home.resolve("VERSION"), "9.8.7\n", UTF_8);

        Run.Result result = launch(install.launcher(), option);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("rusty-pinch 9.8.7\n", result.stdout());
        assertEquals("", result.stderr());
        assertFalse(Files.exists(install.record), "java was started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "1.0 beta\n", "1.0;rm -rf /\n", "$(id)\n"})
    void withoutAWellFormedVersionFileTheRuntimeAnswersVersion(String content) throws IOException {
        Files.writeString(install.home.resolve("VERSION"), content, UTF_8);

        Run.Result result = launch(install.launcher(), "--version");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stdout());
        assertEquals(install.tail("--version"), install.javaArgs());
    }

    @Test
    void versionStillNeedsJava17() throws IOException {
        Files.writeString(install.home.resolve("VERSION"), "9.8.7", UTF_8);

        Run.Result result = Run.of(install.launcher(), "--version").in(elsewhere).envAll(install.env())
                .env("JAVA_HOME", "").go();

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(NO_JAVA, result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void versionWithOtherArgumentsIsTheRuntimes() throws IOException {
        Files.writeString(install.home.resolve("VERSION"), "9.8.7\n", UTF_8);

        Run.Result result = launch(install.launcher(), "--version", "extra");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("--version", "extra"), install.javaArgs());
    }

    @Test
    void missingJavaIsReportedWithExitCode1() {
        Run.Result result = Run.of(install.launcher(), "doctor").in(elsewhere).envAll(install.env())
                .env("JAVA_HOME", "").go();

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(NO_JAVA, result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(install.record));
    }

    @Test
    void javaHomeWithoutJavaIsRefused() {
        Run.Result result = Run.of(install.launcher(), "doctor").in(elsewhere).envAll(install.env())
                .env("JAVA_HOME", install.root.resolve("no-jdk")).env("PATH", install.tools + ":" + install.jdk.resolve("bin"))
                .go();

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(NO_JAVA, result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.0.2", "1.8.0_292", "16"})
    void javaOlderThan17IsRefused(String version) throws IOException {
        FakeInstall.release(install.jdk, version);

        Run.Result result = launch(install.launcher(), "doctor");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(NO_JAVA, result.stderr());
        assertFalse(Files.exists(install.record));
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "21.0.1", "25-ea"})
    void java17OrNewerIsAccepted(String version) throws IOException {
        FakeInstall.release(install.jdk, version);

        Run.Result result = launch(install.launcher(), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void asksJavaForItsVersionWhenThereIsNoReleaseFile() throws IOException {
        Files.delete(install.jdk.resolve("release"));

        Run.Result accepted = launch(install.launcher(), "doctor");
        Run.Result refused = Run.of(install.launcher(), "doctor").in(elsewhere).envAll(install.env())
                .env("FAKE_JAVA_VERSION", "11.0.20").go();

        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertEquals(1, refused.exitCode(), refused::toString);
        assertEquals(NO_JAVA, refused.stderr());
    }

    @Test
    void exitCodeIsJavas() {
        Run.Result result = Run.of(install.launcher(), "doctor", "--strict").in(elsewhere).envAll(install.env())
                .env("FAKE_JAVA_EXIT", "42").go();

        assertEquals(42, result.exitCode(), result::toString);
    }

    /** Gives the fake install a VERSION and the tools the class-data-sharing part of the launcher uses. */
    private void enableClassDataSharing() throws IOException {
        Files.writeString(install.home.resolve("VERSION"), "9.9.9\n", UTF_8);
        Files.copy(Dist.UNPACKED.resolve("bin/rusty-pinch-cds"), install.home.resolve("bin/rusty-pinch-cds"),
                StandardCopyOption.COPY_ATTRIBUTES);
        for (String tool : List.of("ls", "cksum", "mkdir", "mv", "rm", "find")) {
            FakeInstall.link(install.tools.resolve(tool), FakeInstall.systemTool(tool));
        }
    }

    /** Runs bin/rusty-pinch-cds with the given RUSTY_PINCH_JAVA_OPTS and returns the archives it reports, by profile. */
    private Map<String, Path> createArchives(String javaOpts) {
        Run.Result created = Run.of(install.home.resolve("bin/rusty-pinch-cds")).in(elsewhere).envAll(install.env())
                .env("RUSTY_PINCH_JAVA_OPTS", javaOpts).go();
        assertEquals(0, created.exitCode(), created::toString);
        return createdArchives(created);
    }

    /** The archives a successful bin/rusty-pinch-cds reported, by profile. */
    private static Map<String, Path> createdArchives(Run.Result created) {
        Map<String, Path> archives = new TreeMap<>();
        for (String line : created.stdout().split("\n")) {
            String prefix = "rusty-pinch-cds: created ";
            assertTrue(line.startsWith(prefix), created.stdout());
            Path archive = Path.of(line.substring(prefix.length()));
            archives.put(archive.getFileName().toString().split("-")[3], archive);
        }
        return archives;
    }

    /** The archive of the short commands that bin/rusty-pinch-cds creates. */
    private Path createArchive(String javaOpts) {
        return createArchives(javaOpts).get("cli");
    }

    private Run.Result launchSharing(String javaOpts, String... args) {
        return Run.of(Stream.concat(Stream.of(install.launcher()), Stream.of(args)).toArray()).in(elsewhere)
                .envAll(install.env()).env("RUSTY_PINCH_CDS", "on").env("RUSTY_PINCH_JAVA_OPTS", javaOpts).go();
    }

    @Test
    void archivesAreNamedForVersionProfileJavaAndKeyInTheInstallsLib() throws IOException {
        enableClassDataSharing();

        Map<String, Path> archives = createArchives("");

        assertEquals(Set.of("run", "cli", "telegram", "whatsapp", "web"), archives.keySet());
        for (Map.Entry<String, Path> archive : archives.entrySet()) {
            assertEquals(install.home.resolve("lib"), archive.getValue().getParent());
            assertTrue(archive.getValue().getFileName().toString().matches(
                    "rusty-pinch-9\\.9\\.9-" + archive.getKey() + "-java17-[0-9]+\\.jsa"), archive::toString);
            assertEquals("archive", Files.readString(archive.getValue(), UTF_8));
        }
    }

    @Test
    void aChannelWorkerUsesItsOwnArchive() throws IOException {
        enableClassDataSharing();
        Path telegram = createArchives("").get("telegram");

        launchSharing("", "channels", "telegram");

        assertEquals("-XX:SharedArchiveFile=" + telegram, install.javaArgs().get(0));
    }

    @Test
    void createdArchiveIsUsedWithQuietSharingFlagsBeforeJavaOpts() throws IOException {
        enableClassDataSharing();
        Path archive = createArchive("-Dx=1");

        Run.Result result = launchSharing("-Dx=1", "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        List<String> expected = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=off:stderr", "-Dx=1"));
        expected.addAll(install.tail("doctor"));
        assertEquals(expected, install.javaArgs());
    }

    @Test
    void theTrainingsJarIndexGoesBesideTheArchiveAndIsPassedWithIt() throws IOException {
        enableClassDataSharing();
        Run.Result created = Run.of(install.home.resolve("bin/rusty-pinch-cds")).in(elsewhere).envAll(install.env())
                .env("FAKE_JAR_INDEX", "1").go();
        assertEquals(0, created.exitCode(), created::toString);
        Path archive = createdArchives(created).get("cli");
        Path index = Path.of(archive + ".jars");

        assertEquals("index", Files.readString(index, UTF_8));
        try (Stream<Path> lib = Files.list(install.home.resolve("lib"))) {
            assertEquals(List.of(), lib.filter(file -> file.getFileName().toString().contains(".tmp")).toList());
        }
        Run.Result result = launchSharing("", "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=off:stderr",
                "-Drusty-pinch.jar-index=" + index));
        expected.addAll(install.tail("doctor"));
        assertEquals(expected, install.javaArgs());
    }

    @Test
    void loggingOptionsKeepTheArchive() throws IOException {
        enableClassDataSharing();
        Path archive = createArchive("");

        launchSharing("-Xlog:gc", "doctor");

        assertEquals("-XX:SharedArchiveFile=" + archive, install.javaArgs().get(0));
    }

    @Test
    void otherJvmOptionsAskForAnotherArchive() throws IOException {
        enableClassDataSharing();
        createArchive("");

        launchSharing("-Xmx99m", "doctor");

        assertTrue(install.javaArgs().stream().noneMatch(arg -> arg.contains("SharedArchiveFile")), install.javaArgs()::toString);
    }

    @Test
    void offPassesNoSharingFlags() throws IOException {
        enableClassDataSharing();
        createArchive("");

        Run.Result result = launch(install.launcher(), "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @Test
    void sharingIsSkippedSilentlyWithoutTheToolsItNeeds() throws IOException {
        Files.writeString(install.home.resolve("VERSION"), "9.9.9\n", UTF_8);

        Run.Result result = launchSharing("", "doctor");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        assertEquals(install.tail("doctor"), install.javaArgs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void worksUnderPosixShells(String shell) throws IOException {
        Path shellPath = Path.of("/bin", shell);
        assumeTrue(Files.isExecutable(shellPath), shell + " is not installed");
        Files.writeString(install.home.resolve("conf/jvm.options"), "-Dx=1 2\n", UTF_8);
        FakeInstall.link(install.root.resolve("links/rp"), Path.of("../install/rusty-pinch/bin/rusty-pinch"));
        List<Object> command = new ArrayList<>(List.of(shellPath));
        if (shell.equals("busybox")) {
            command.add("sh");
        }
        command.addAll(List.of(install.root.resolve("links/rp"), "run", "--message", "a  b"));

        Run.Result result = Run.of(command.toArray()).in(elsewhere).envAll(install.env())
                .env("RUSTY_PINCH_JAVA_OPTS", "-Da -Db").go();

        assertEquals(0, result.exitCode(), result::toString);
        List<String> expected = new ArrayList<>(List.of("-Dx=1 2", "-Da", "-Db"));
        expected.addAll(install.tail("run", "--message", "a  b"));
        assertEquals(expected, install.javaArgs());
    }
}
