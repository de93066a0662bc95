package dev.rustypinch.distribution.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustypinch.distribution.FileModes;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/rusty-pinch-telegram.service run as systemd would run it (SPEC §16.2, §12.6), in a
 * temporary root with the distribution at {@code <root>/opt/rusty-pinch}: the working directory,
 * {@code ExecStart} words and {@code EnvironmentFile} of the unit (paths re-rooted), the env file made
 * from rusty-pinch.env.example with the local provider and a fake Bot API, then {@code KillSignal}
 * during an idle long poll after one answered message. Also deploy/verify-telegram-unit.sh, the same
 * check for users.
 */
class TelegramUnitIT {
    private static final Path DIST = Path.of(System.getProperty("dist.unpacked")).toAbsolutePath().normalize();
    private static final String TOKEN = "123456:unit-secret-token";
    private static final String MODEL = "unit-model";
    private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final long READY_LIMIT_SECS = 90;

    @TempDir
    static Path tempDir;

    private static MockWebServer server;
    private static BotApi api;
    private static Path root;
    private static Path dataDir;
    private static FileTime started;
    private static Stopped stopped;

    /** What the stopped worker left: exit code, its output, and how long the stop took. */
    private record Stopped(int exitCode, String stdout, String stderr, long stopMillis) {
        @Override
        public String toString() {
            return "exit=" + exitCode + " stop_ms=" + stopMillis + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    @BeforeAll
    static void runTheUnitAndStopIt() throws IOException, InterruptedException {
        api = new BotApi(TOKEN);
        server = new MockWebServer();
        server.setDispatcher(api);
        server.start(InetAddress.getByName("127.0.0.1"), 0);

        root = tempDir.toRealPath().resolve("root");
        copyTree(DIST, root.resolve("opt/rusty-pinch"));
        dataDir = Files.createDirectories(root.resolve("var/lib/rusty-pinch/data"));
        Files.createDirectories(root.resolve("var/lib/rusty-pinch/workspace"));
        SystemdUnit unit = SystemdUnit.read(root.resolve("opt/rusty-pinch/deploy/systemd/rusty-pinch-telegram.service"));
        Path envFile = reroot(unit.service("EnvironmentFile"));
        writeEnvFile(root.resolve("opt/rusty-pinch/deploy/systemd/rusty-pinch.env.example"), envFile);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", SYSTEMD_PATH);
        environment.put("HOME", root.resolve("var/lib/rusty-pinch").toString());
        environment.putAll(EnvironmentFile.read(envFile));
        // The copied install is writable here (unlike /opt under ProtectSystem=strict): no archive training into it.
        environment.put("RUSTY_PINCH_CDS", "off");
        List<String> command = new ArrayList<>();
        for (String word : unit.service("ExecStart").split(" ")) {
            command.add(word.startsWith("/") ? reroot(word).toString() : word);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(reroot(unit.service("WorkingDirectory")).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tempDir.resolve("worker.out").toFile())
                .redirectError(tempDir.resolve("worker.err").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);

        // The file system's own clock: everything written later is newer than this marker.
        started = Files.getLastModifiedTime(Files.writeString(tempDir.resolve("started"), "", UTF_8));
        Process worker = builder.start();
        try {
            awaitIdleAfterOneAnswer(worker);
            long signalled = System.nanoTime();
            signal(worker.pid(), unit.service("KillSignal"));
            long stopLimit = Long.parseLong(unit.service("TimeoutStopSec"));
            if (!worker.waitFor(stopLimit, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            stopped = new Stopped(worker.exitValue(), Files.readString(tempDir.resolve("worker.out"), UTF_8),
                    Files.readString(tempDir.resolve("worker.err"), UTF_8),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
        } finally {
            worker.destroyForcibly();
        }
    }

    @AfterAll
    static void closeTheBotApi() throws IOException {
        if (api != null) {
            api.release();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void workerExitsWith0OnTheUnitsKillSignalWithoutNeedingSuccessExitStatus() {
        assertEquals(0, stopped.exitCode(), stopped::toString);
    }

    @Test
    void channelSignalTerminateAndChannelStopSignalAreTheLastEvents() {
        List<String> events = stopped.stderr().lines().filter(line -> line.startsWith("{")).toList();

        assertTrue(events.size() >= 2, stopped::toString);
        assertEquals(List.of("{\"event\":\"channel_signal\",\"signal\":\"terminate\",\"action\":\"graceful_stop\"}",
                "{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"signal\"}"),
                events.subList(events.size() - 2, events.size()), stopped::toString);
    }

    @Test
    void channelStartReflectsTheEnvironmentFile() {
        assertEquals("{\"allow_from_count\":0,\"channel\":\"telegram\",\"event\":\"channel_start\",\"max_messages\":null,"
                + "\"poll_interval_ms\":350,\"poll_timeout_secs\":30}", stopped.stderr().lines().findFirst().orElse(""),
                stopped::toString);
    }

    @Test
    void messageIsAnsweredByTheConfiguredProvider() {
        assertEquals(List.of("{\"chat_id\":\"12345\",\"text\":\"[Rusty Pinch:local:" + MODEL
                + "] Received 'ping'. history=0 messages.\"}"), api.sendBodies(), stopped::toString);
    }

    @Test
    void offsetIsCommittedUnderTheDataDirectoryOfTheEnvironmentFile() throws IOException {
        String offset = Files.readString(dataDir.resolve("channels/telegram/offset.json"), UTF_8);

        assertTrue(offset.matches("\\{\"bot_id\":\"123456\",\"offset\":2,\"updated_at\":\"[^\"]+\\+00:00\"}\n"), offset);
    }

    @Test
    void offsetIsAcknowledgedBeforeExit() {
        assertEquals(List.of("/bot" + TOKEN + "/getUpdates?offset=2&timeout=0&limit=1"), api.ackTargets(),
                stopped::toString);
    }

    @Test
    void everythingTheWorkerCreatesIsPrivateEvenWithoutTheUnitsUMask() throws IOException {
        Map<String, String> modes = FileModes.under(dataDir);
        modes.remove("./");

        assertTrue(modes.containsKey("channels/telegram/offset.json"), modes::toString);
        assertEquals(Map.of(), FileModes.notPrivate(modes));
    }

    @Test
    void stateIsWrittenOnlyUnderReadWritePaths() throws IOException {
        Path writable = root.resolve("var/lib/rusty-pinch");
        List<Path> changed;
        try (Stream<Path> walk = Files.walk(root)) {
            changed = walk.filter(path -> !path.startsWith(writable) && modifiedSinceStart(path)).toList();
        }

        assertEquals(List.of(), changed);
        assertTrue(Files.isRegularFile(dataDir.resolve("sessions/telegram_12345.jsonl")));
        assertTrue(Files.isRegularFile(dataDir.resolve("telemetry/latest.json")));
    }

    @Test
    void tokenNeverAppearsInTheWorkersOutput() {
        assertFalse(stopped.stdout().contains("unit-secret-token"), stopped::toString);
        assertFalse(stopped.stderr().contains("unit-secret-token"), stopped::toString);
    }

    @Test
    void stderrHoldsOnlyEventsAndLevelPrefixedDiagnostics() {
        for (String line : stopped.stderr().lines().toList()) {
            assertTrue(line.startsWith("{") || line.startsWith("WARN ") || line.startsWith("ERROR "), line);
        }
    }

    @Test
    void verifyScriptPassesOnTheDistributionItShipsIn() throws IOException, InterruptedException {
        Path scratch = Files.createDirectories(tempDir.resolve("script-tmp"));
        ProcessBuilder builder = new ProcessBuilder("sh", DIST.resolve("deploy/verify-telegram-unit.sh").toString())
                .directory(scratch.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tempDir.resolve("script.out").toFile())
                .redirectError(tempDir.resolve("script.err").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TMPDIR", scratch.toString());

        Process script = builder.start();
        boolean finished;
        try {
            finished = script.waitFor(READY_LIMIT_SECS + 60, TimeUnit.SECONDS);
        } finally {
            script.destroyForcibly();
        }
        String out = Files.readString(tempDir.resolve("script.out"), UTF_8);
        String err = Files.readString(tempDir.resolve("script.err"), UTF_8);

        assertTrue(finished, "verify-telegram-unit.sh did not finish");
        assertEquals(0, script.exitValue(), out + err);
        assertTrue(out.endsWith("verify-telegram-unit: PASS (exit 0)\n"), out + err);
        assertFalse(out.contains("FAIL"), out + err);
    }

    @Test
    void verifyScriptPassesShellcheckAsPosixSh() throws IOException, InterruptedException {
        Optional<Path> shellcheck = Stream.of("/usr/bin/shellcheck", "/usr/local/bin/shellcheck").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assumeTrue(shellcheck.isPresent(), "shellcheck is not installed");

        Process check = new ProcessBuilder(shellcheck.get().toString(), "--shell=sh",
                DIST.resolve("deploy/verify-telegram-unit.sh").toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), UTF_8);

        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
    }

    private static Path reroot(String absolutePath) {
        String path = absolutePath.startsWith("-") ? absolutePath.substring(1) : absolutePath;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("expected an absolute path in the unit, got '" + absolutePath + "'");
        }
        return root.resolve(path.substring(1));
    }

    /** The template with the data paths re-rooted, the local provider, the test token and the fake API. */
    private static void writeEnvFile(Path template, Path envFile) throws IOException {
        Map<String, String> replacements = Map.of(
                "RUSTY_PINCH_PROVIDER", "local",
                "RUSTY_PINCH_MODEL", MODEL,
                "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "true",
                "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", TOKEN,
                "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", server.url("/").toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        Map<String, String> missing = new LinkedHashMap<>(replacements);
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(template, UTF_8)) {
            int equals = line.indexOf('=');
            String name = line.startsWith("#") || equals < 0 ? "" : line.substring(0, equals);
            if (replacements.containsKey(name)) {
                line = name + "=" + replacements.get(name);
                missing.remove(name);
            } else if (!name.isEmpty() && line.substring(equals + 1).startsWith("/var/lib/rusty-pinch")) {
                line = name + "=" + root + line.substring(equals + 1);
            }
            text.append(line).append('\n');
        }
        missing.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Files.createDirectories(envFile.getParent());
        Files.writeString(envFile, text, UTF_8);
    }

    /** Waits until the reply was sent, the offset committed and the next long poll is waiting. */
    private static void awaitIdleAfterOneAnswer(Process worker) throws IOException, InterruptedException {
        Path offsetFile = dataDir.resolve("channels/telegram/offset.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_LIMIT_SECS);
        while (System.nanoTime() < deadline && worker.isAlive()) {
            if (api.idlePollWaiting() && !api.sendBodies().isEmpty() && Files.exists(offsetFile)
                    && Files.readString(offsetFile, UTF_8).contains("\"offset\":2,")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal.replaceFirst("^SIG", ""), Long.toString(pid))
                .redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
    }

    private static boolean modifiedSinceStart(Path path) {
        try {
            return Files.getLastModifiedTime(path).compareTo(started) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * The Bot API: one pending message "ping" (update 1, chat 12345, user 777); a poll from offset 2
     * with a timeout is held (an idle long poll) until released; acknowledgements and sendMessage
     * bodies are recorded.
     */
    private static final class BotApi extends Dispatcher {
        private static final String UPDATE = "{\"update_id\":1,\"message\":{\"message_id\":10,"
                + "\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Unit\"},"
                + "\"chat\":{\"id\":12345,\"type\":\"private\"},\"date\":1700000000,\"text\":\"ping\"}}";

        private final String token;
        private final CountDownLatch released = new CountDownLatch(1);
        private final List<String> sendBodies = new ArrayList<>();
        private final List<String> ackTargets = new ArrayList<>();
        private boolean idlePollWaiting;

        BotApi(String token) {
            this.token = token;
        }

        synchronized List<String> sendBodies() {
            return List.copyOf(sendBodies);
        }

        synchronized List<String> ackTargets() {
            return List.copyOf(ackTargets);
        }

        synchronized boolean idlePollWaiting() {
            return idlePollWaiting;
        }

        void release() {
            released.countDown();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            HttpUrl url = request.getUrl();
            if (url.encodedPath().equals("/bot" + token + "/sendMessage")) {
                synchronized (this) {
                    sendBodies.add(request.getBody().utf8());
                }
                return json(200, "{\"ok\":true,\"result\":{\"message_id\":11}}");
            }
            if (!url.encodedPath().equals("/bot" + token + "/getUpdates")) {
                return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            }
            if (url.queryParameter("limit") != null) {
                synchronized (this) {
                    ackTargets.add(request.getTarget());
                }
                return json(200, "{\"ok\":true,\"result\":[]}");
            }
            if (Long.parseLong(url.queryParameter("offset")) <= 1) {
                return json(200, "{\"ok\":true,\"result\":[" + UPDATE + "]}");
            }
            synchronized (this) {
                idlePollWaiting = true;
            }
            released.await(Long.parseLong(url.queryParameter("timeout")), TimeUnit.SECONDS);
            return json(200, "{\"ok\":true,\"result\":[]}");
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
        }
    }
}
