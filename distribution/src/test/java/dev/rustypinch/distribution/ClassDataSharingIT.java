package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing by default (SPEC §16.1) with the real distribution and a real JVM: the first start trains an
 * archive in the background, later starts use it, a changed plugin set gets a new archive, a broken one is ignored, a
 * read-only install uses a cache directory or goes without, and {@code RUSTY_PINCH_CDS=off} turns it all off.
 * JVM class logging is enabled only in these tests, to see where classes came from.
 */
class ClassDataSharingIT {
    private static final Duration TRAINING_LIMIT = Duration.ofSeconds(180);
    private static final String REPLY = "[Rusty Pinch:local:cds-test] Received 'hi'. history=";

    @TempDir
    Path tempDir;

    private Path root;
    private Path home;
    private Path work;
    private Path envFile;

    @BeforeEach
    void copyTheDistribution() throws IOException {
        root = tempDir.toRealPath();
        home = root.resolve("rusty-pinch");
        Run.Result copy = Run.of("cp", "-a", Dist.UNPACKED, home).env("PATH", "/usr/bin:/bin").go();
        assertEquals(0, copy.exitCode(), copy::toString);
        try (Stream<Path> stale = Files.list(home.resolve("lib"))) {
            for (Path file : stale.filter(ClassDataSharingIT::isSharingFile).toList()) {
                Files.delete(file);
            }
        }
        work = Files.createDirectories(root.resolve("work"));
        envFile = Files.writeString(root.resolve("test.env"), "RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_MODEL=cds-test\n", UTF_8);
    }

    private static boolean isSharingFile(Path file) {
        return file.getFileName().toString().startsWith("rusty-pinch-") && !file.getFileName().toString().endsWith(".jar");
    }

    private Map<String, String> env(Path javaHome) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("HOME", root.resolve("user").toString());
        env.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        env.put("RUSTY_PINCH_CDS", "on");
        return env;
    }

    private Run.Result rustyPinch(Map<String, String> env, String... args) {
        List<Object> command = new ArrayList<>(List.of(home.resolve("bin/rusty-pinch")));
        command.addAll(List.of(args));
        return Run.of(command.toArray()).in(work).envAll(env).go();
    }

    private static Path java17() {
        return Path.of(System.getProperty("java.home"));
    }

    /** The archives (and markers, temporary files) in {@code dir}. */
    private static List<Path> sharingFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ClassDataSharingIT::isSharingFile).sorted().toList();
        }
    }

    /** An archive's index of plugin jars ({@code <archive>.jars}), which the training leaves beside it. */
    private static boolean isJarIndex(Path file) {
        return file.getFileName().toString().endsWith(".jsa.jars") || file.getFileName().toString().endsWith(".aot.jars");
    }

    /** Whether {@code files} are archives and the jar indexes of those archives, nothing else (no marker, no temp file). */
    private static boolean onlyArchivesAndTheirIndexes(List<Path> files) {
        return files.stream().filter(ClassDataSharingIT::isJarIndex)
                .allMatch(index -> files.contains(Path.of(index.toString().substring(0, index.toString().length() - 5))));
    }

    private static List<Path> archivesOnly(List<Path> files) {
        return files.stream().filter(file -> !isJarIndex(file)).toList();
    }

    /**
     * Waits until {@code dir} holds exactly one finished archive with the suffix (and perhaps its jar index) and nothing
     * else of ours; returns it.
     */
    private static Path awaitArchive(Path dir, String suffix) throws Exception {
        long deadline = System.nanoTime() + TRAINING_LIMIT.toNanos();
        while (true) {
            List<Path> files = sharingFiles(dir);
            List<Path> archives = archivesOnly(files);
            if (archives.size() == 1 && archives.get(0).getFileName().toString().endsWith(suffix)
                    && onlyArchivesAndTheirIndexes(files)) {
                return archives.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "no archive in " + dir + " after " + TRAINING_LIMIT + ": " + files);
            Thread.sleep(100);
        }
    }

    /** Waits until {@code dir} holds {@code count} finished archives and nothing else of ours; returns them. */
    private static List<Path> awaitArchives(Path dir, int count) throws Exception {
        long deadline = System.nanoTime() + TRAINING_LIMIT.toNanos();
        while (true) {
            List<Path> files = sharingFiles(dir);
            List<Path> archives = archivesOnly(files);
            if (archives.size() == count && archives.stream().allMatch(file -> file.getFileName().toString().endsWith(".jsa"))
                    && onlyArchivesAndTheirIndexes(files)) {
                return archives;
            }
            assertTrue(System.nanoTime() < deadline, "not " + count + " archives in " + dir + " after " + TRAINING_LIMIT + ": " + files);
            Thread.sleep(100);
        }
    }

    private static void assertOnlyEventLines(Run.Result result) {
        for (String line : result.stderr().split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("{"), "not an event line on stderr: " + result);
        }
    }

    /** A {@code run} (profile {@code run}) maps the archive its first start trained. */
    private void assertMainCameFromTheArchive(Map<String, String> env) throws IOException {
        Run.Result result = withClassLog(env, "run", "--message", "hi");

        assertTrue(result.stdout().startsWith(REPLY), result::toString);
    }

    /** A {@code doctor} (profile {@code cli}) maps the archive of the short commands. */
    private void assertDoctorsMainCameFromTheArchive(Map<String, String> env) throws IOException {
        Run.Result result = withClassLog(env, "doctor");

        assertTrue(result.stdout().startsWith("Rusty Pinch Doctor\n"), result::toString);
    }

    private Run.Result withClassLog(Map<String, String> env, String... args) throws IOException {
        Path classLog = root.resolve("classes.log");
        Files.deleteIfExists(classLog);
        Map<String, String> logging = new TreeMap<>(env);
        logging.put("RUSTY_PINCH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);

        Run.Result result = rustyPinch(logging, args);

        assertEquals(0, result.exitCode(), result::toString);
        assertOnlyEventLines(result);
        assertTrue(Files.readString(classLog, UTF_8).contains("dev.rustypinch.runtime.Main source: shared objects file"),
                "Main was not loaded from the archive");
        return result;
    }

    @Test
    void firstRunTrainsInTheBackgroundAndTheSecondRunUsesTheArchive() throws Exception {
        Run.Result first = rustyPinch(env(java17()), "run", "--message", "hi");

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.stdout().startsWith(REPLY), first::toString);
        assertOnlyEventLines(first);
        Path archive = awaitArchive(home.resolve("lib"), ".jsa");
        assertTrue(archive.getFileName().toString().startsWith("rusty-pinch-" + Dist.VERSION + "-run-java17-"), archive::toString);
        assertMainCameFromTheArchive(env(java17()));
        assertEquals(List.of(), sharingFiles(root.resolve("user/.cache/rusty-pinch")));
        assertFalse(Files.exists(Path.of(archive + ".jars")), "a run loads no plugin, so its training indexes no jar");
    }

    /** The training of a profile that loads plugins leaves the index of their jars beside the archive. */
    private static void assertJarIndexBeside(Path archive) throws IOException {
        Path index = Path.of(archive + ".jars");
        assertTrue(Files.isRegularFile(index), index + " is missing");
        byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(index), 4);
        assertEquals("RPJI", new String(start, UTF_8), index::toString);
    }

    /**
     * Waits for the archive the worker's start trained, checks that it is the {@code profile}'s Java 17 archive and
     * holds {@code classes}; returns its class listing.
     */
    private String assertProfileArchiveHolds(String profile, String... classes) throws Exception {
        Path archive = awaitArchive(home.resolve("lib"), ".jsa");

        assertTrue(archive.getFileName().toString().startsWith("rusty-pinch-" + Dist.VERSION + "-" + profile + "-java17-"),
                archive::toString);
        assertJarIndexBeside(archive);
        String listing = archivedClasses(archive);
        for (String workerClass : classes) {
            assertTrue(listing.contains(" " + workerClass + " "), workerClass + " is not in the archive");
        }
        return listing;
    }

    /** The classes listed in {@code archive} ({@code -XX:+PrintSharedArchiveAndExit}). */
    private String archivedClasses(Path archive) {
        Run.Result listing = Run.of(java17().resolve("bin/java"), "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit",
                "-cp", home + "/lib/*").env("PATH", "/usr/bin:/bin").go();
        assertEquals(0, listing.exitCode(), listing::toString);
        return listing.stdout();
    }

    @Test
    void aTelegramWorkerGetsAnArchiveOfItsOwnStartUpClassesOnly() throws Exception {
        Run.Result disabled = rustyPinch(env(java17()), "channels", "telegram");
        assertEquals(1, disabled.exitCode(), disabled::toString);

        String classes = assertProfileArchiveHolds("telegram", "dev.rustypinch.runtime.channel.ChannelCommand",
                "dev.rustypinch.plugin.channeltelegram.TelegramPoller", "okhttp3.OkHttpClient", "sun.security.ssl.SSLContextImpl");
        assertFalse(classes.contains(" org.eclipse.jetty.websocket.client.WebSocketClient "), "the WhatsApp client is in it");
    }

    @Test
    void aWhatsAppWorkerGetsAnArchiveOfItsOwnStartUpClasses() throws Exception {
        rustyPinch(env(java17()), "channels", "whatsapp");

        assertProfileArchiveHolds("whatsapp", "dev.rustypinch.plugin.channelwhatsapp.WhatsAppChannel",
                "org.eclipse.jetty.websocket.client.WebSocketClient");
    }

    @Test
    void aWebWorkerGetsAnArchiveOfItsOwnStartUpAndRequestClasses() throws Exception {
        Run.Result disabled = rustyPinch(env(java17()), "channels", "web");
        assertEquals(1, disabled.exitCode(), disabled::toString);

        String classes = assertProfileArchiveHolds("web", "dev.rustypinch.plugin.channelweb.WebChannel",
                "org.eclipse.jetty.server.Server", "dev.rustypinch.plugin.channelweb.ChatBody",
                "dev.rustypinch.plugin.channelweb.OpenAiShapes");
        assertFalse(classes.contains(" org.eclipse.jetty.websocket.client.WebSocketClient "), "the WhatsApp client is in it");
    }

    @Test
    void changedPluginSetGetsANewArchiveBesideTheOldOne() throws Exception {
        rustyPinch(env(java17()), "doctor");
        Path first = awaitArchive(home.resolve("lib"), ".jsa");
        assertJarIndexBeside(first);

        Run.Result removed = Run.of("rm", "-r", home.resolve("plugins/pinch-channel-whatsapp")).env("PATH", "/usr/bin:/bin").go();
        assertEquals(0, removed.exitCode(), removed::toString);
        Run.Result doctor = rustyPinch(env(java17()), "doctor");

        assertEquals(0, doctor.exitCode(), doctor::toString);
        assertEquals("", doctor.stderr());
        List<Path> archives = awaitArchives(home.resolve("lib"), 2);
        assertTrue(archives.contains(first), archives::toString);
        assertDoctorsMainCameFromTheArchive(env(java17()));
    }

    @Test
    void brokenArchiveIsIgnoredSilently() throws Exception {
        rustyPinch(env(java17()), "doctor");
        Path archive = awaitArchive(home.resolve("lib"), ".jsa");
        Files.writeString(archive, "not an archive", UTF_8);

        Run.Result doctor = rustyPinch(env(java17()), "doctor");

        assertEquals(0, doctor.exitCode(), doctor::toString);
        assertEquals("", doctor.stderr());
        assertTrue(doctor.stdout().startsWith("Rusty Pinch Doctor\n"), doctor::toString);
    }

    @Test
    void versionNeitherUsesNorTrainsAnArchive() throws Exception {
        Run.Result version = rustyPinch(env(java17()), "--version");

        assertEquals(0, version.exitCode(), version::toString);
        assertEquals("rusty-pinch " + Dist.VERSION + "\n", version.stdout());
        assertEquals(List.of(), sharingFiles(home.resolve("lib")), "a training was started (its marker exists)");
    }

    @Test
    void offCreatesNoArchive() throws Exception {
        Map<String, String> env = env(java17());
        env.put("RUSTY_PINCH_CDS", "off");

        Run.Result result = rustyPinch(env, "run", "--message", "hi");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(), sharingFiles(home.resolve("lib")), "a training was started (its marker exists)");
        assertEquals(List.of(), sharingFiles(root.resolve("user/.cache/rusty-pinch")));
    }

    /** Runs the launcher as an unprivileged user, for whom the root-owned install is read-only. */
    private Run.Result asNobody(Map<String, String> env, String... args) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to an unprivileged user");
        Optional<Path> setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst();
        assumeTrue(setpriv.isPresent(), "setpriv is not installed");
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            if (dir.equals(tempDir.toRealPath().getParent())) {
                break;
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<Object> command = new ArrayList<>(List.of(setpriv.get(), "--reuid=65534", "--regid=65534", "--clear-groups",
                home.resolve("bin/rusty-pinch")));
        command.addAll(List.of(args));
        return Run.of(command.toArray()).in(work).envAll(env).go();
    }

    @Test
    void readOnlyInstallTrainsIntoTheCacheDirectory() throws Exception {
        Path cache = Files.createDirectories(root.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> env = env(java17());
        env.put("CACHE_DIRECTORY", cache.toString());
        env.put("HOME", "/nonexistent");

        Run.Result doctor = asNobody(env, "doctor");

        assertEquals(0, doctor.exitCode(), doctor::toString);
        assertEquals("", doctor.stderr());
        awaitArchive(cache, ".jsa");
        assertEquals(List.of(), sharingFiles(home.resolve("lib")));
    }

    @Test
    void readOnlyInstallWithoutAnyWritableCacheStillWorks() throws Exception {
        Map<String, String> env = env(java17());
        env.put("HOME", "/nonexistent");
        env.put("XDG_CACHE_HOME", "/proc/rusty-pinch-test");

        Run.Result doctor = asNobody(env, "doctor");

        assertEquals(0, doctor.exitCode(), doctor::toString);
        assertEquals("", doctor.stderr());
        assertTrue(doctor.stdout().startsWith("Rusty Pinch Doctor\n"), doctor::toString);
        assertEquals(List.of(), sharingFiles(home.resolve("lib")));
    }

    @Test
    void java25OrNewerTrainsAndUsesTheAotCache() throws Exception {
        Optional<Path> newest = RealJvmLauncherIT.newestJdkAbove17();
        assumeTrue(newest.isPresent() && RealJvmLauncherIT.major(newest.get()) >= 25, "no JDK 25 or newer under /usr/lib/jvm");
        Map<String, String> env = env(newest.get());

        Run.Result first = rustyPinch(env, "run", "--message", "hi");

        assertEquals(0, first.exitCode(), first::toString);
        assertOnlyEventLines(first);
        awaitArchive(home.resolve("lib"), ".aot");
        assertMainCameFromTheArchive(env);
    }
}
