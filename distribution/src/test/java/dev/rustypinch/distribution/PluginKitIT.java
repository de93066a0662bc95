package dev.rustypinch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin kit, as a third party uses it: {@code examples/plugin-hello} is copied out of the repository and built
 * with one {@code mvn package} against the distribution's {@code sdk/} (installed into a temporary local repository,
 * since {@code mvn verify} installs nothing), and the plugin directory it produces is dropped into a distribution's
 * plugins, where it runs by {@code /tool} and as a tool the model calls in agent mode. It bundles an older Jackson than
 * the runtime's; both coexist.
 */
class PluginKitIT {
    private static final Path EXAMPLE = Dist.PROJECT_ROOT.resolve("examples/plugin-hello");
    private static final Path MAVEN_HOME = Path.of(System.getProperty("kit.maven.home", ""));
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("kit.local.repository", ""));

    @TempDir
    static Path work;

    private static Path pluginDir;
    private static String buildLog;

    @BeforeAll
    static void buildTheExampleLikeAThirdParty() throws Exception {
        Path project = work.resolve("plugin-hello");
        copyTree(EXAMPLE, project);
        Path repository = work.resolve("m2");
        linkLocalRepositoryExceptRustyPinch(repository);
        installSdk(repository);

        Path log = work.resolve("mvn.log");
        Process mvn = new ProcessBuilder(MAVEN_HOME.resolve("bin/mvn").toString(), "-B", "-ntp", "-o", "package",
                "-Dmaven.repo.local=" + repository)
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "mvn package of the example did not finish in 5 minutes");
        buildLog = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, mvn.exitValue(), buildLog);
        pluginDir = project.resolve("target/plugin/hello");
    }

    @Test
    void onePackageCommandLeavesAPluginDirectoryWithItsOwnLibrariesAndNoApiCopy() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(pluginDir)) {
            jars = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }

        assertEquals(List.of("jackson-annotations-2.17.2.jar", "jackson-core-2.17.2.jar", "jackson-databind-2.17.2.jar",
                "plugin-hello-0.1.0.jar"), jars);
        assertFalse(buildLog.contains("[WARNING]"), buildLog);
    }

    @Test
    void theBuiltPluginRunsAsAToolBesideTheDefaultPlugins() throws IOException {
        Path plugins = work.resolve("plugins-tool");
        copyTree(CliRun.HOME.resolve("plugins"), plugins);
        copyTree(pluginDir, plugins.resolve("hello"));
        CliRun cli = new CliRun(work).env("RUSTY_PINCH_PLUGINS_DIR", plugins.toString())
                .env("RUSTY_PINCH_DATA_DIR", work.resolve("data-tool").toString()).env("RUSTY_PINCH_PROVIDER", "local");

        CliRun.Result list = cli.run("plugins", "list");
        assertTrue(list.stdout().contains("hello 0.1.0 api=1.1 source=" + plugins.resolve("hello")
                + " providers=- channels=- tools=hello\n"), list.stdout());
        CliRun.Result tools = cli.run("tools", "list");
        assertTrue(tools.stdout().contains("hello - Greet someone by name.\n  usage: /tool hello {\"name\":\"<who>\"}\n"),
                tools.stdout());

        CliRun.Result hello = cli.run("tools", "run", "--session", "demo", "--name", "hello", "--args", "{\"name\":\"Ada\"}");
        assertEquals(0, hello.exitCode(), hello.stderr());
        assertEquals("[tool:hello]\nHello, Ada! (session demo, Jackson 2.17.2)\n", hello.stdout());

        CliRun.Result notJson = cli.run("tools", "run", "--name", "hello", "--args", "Ada");
        assertEquals(1, notJson.exitCode());
        assertTrue(notJson.stderr().contains("tool 'hello' execution failed: arguments must be a JSON object"),
                notJson.stderr());
        CliRun.Result stats = cli.run("stats");
        assertEquals(0, stats.exitCode(), stats.stderr());
    }

    @Test
    void theModelCallsTheBuiltPluginInAgentMode() throws Exception {
        Path plugins = work.resolve("plugins-agent");
        copyTree(CliRun.HOME.resolve("plugins"), plugins);
        copyTree(pluginDir, plugins.resolve("hello"));
        try (MockWebServer model = new MockWebServer()) {
            model.start(InetAddress.getByName("127.0.0.1"), 0);
            model.enqueue(json("{\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"hello\",\"arguments\":\"{\\\"name\\\":\\\"Ada\\\"}\"}}]}}]}"));
            model.enqueue(json("{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"I greeted Ada.\"}}]}"));
            CliRun cli = new CliRun(work).env("RUSTY_PINCH_PLUGINS_DIR", plugins.toString())
                    .env("RUSTY_PINCH_DATA_DIR", work.resolve("data-agent").toString())
                    .env("RUSTY_PINCH_PROVIDER", "openai").env("RUSTY_PINCH_MODEL", "test-model")
                    .env("RUSTY_PINCH_API_BASE", "http://127.0.0.1:" + model.getPort() + "/v1")
                    .env("RUSTY_PINCH_API_KEY", "sk-kit-test").env("RUSTY_PINCH_AGENT_TOOLS", "hello");

            CliRun.Result turn = cli.run("run", "--session", "kit", "--message", "Please greet Ada.");

            assertEquals(0, turn.exitCode(), turn.stderr());
            assertEquals("I greeted Ada.\n", turn.stdout());
            ObjectMapper mapper = new ObjectMapper();
            RecordedRequest first = model.takeRequest(5, TimeUnit.SECONDS);
            JsonNode offered = mapper.readTree(first.getBody().utf8()).get("tools").get(0).get("function");
            assertEquals("hello", offered.get("name").asText());
            assertEquals("{\"properties\":{\"name\":{\"description\":\"Who to greet.\",\"type\":\"string\"}},"
                    + "\"required\":[\"name\"],\"type\":\"object\"}", offered.get("parameters").toString());
            JsonNode messages = mapper.readTree(model.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).get("messages");
            JsonNode result = messages.get(messages.size() - 1);
            assertEquals("call_1", result.get("tool_call_id").asText());
            assertEquals("Hello, Ada! (session kit, Jackson 2.17.2)", result.get("content").asText());
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A local repository that sees everything of the user's except any installed Rusty Pinch artifacts. */
    private static void linkLocalRepositoryExceptRustyPinch(Path repository) throws IOException {
        Files.createDirectories(repository);
        try (Stream<Path> groups = Files.list(LOCAL_REPOSITORY)) {
            for (Path group : groups.collect(Collectors.toList())) {
                if (group.getFileName().toString().equals("dev")) {
                    Path dev = Files.createDirectories(repository.resolve("dev"));
                    try (Stream<Path> devGroups = Files.list(group)) {
                        for (Path devGroup : devGroups.collect(Collectors.toList())) {
                            if (!devGroup.getFileName().toString().equals("rustypinch")) {
                                Files.createSymbolicLink(dev.resolve(devGroup.getFileName()), devGroup);
                            }
                        }
                    }
                } else {
                    Files.createSymbolicLink(repository.resolve(group.getFileName()), group);
                }
            }
        }
    }

    /** What {@code mvn install:install-file} of sdk/README.md leaves in a local repository. */
    private static void installSdk(Path repository) throws IOException {
        Path sdk = Dist.UNPACKED.resolve("sdk");
        String base = "pinch-api-" + Dist.VERSION;
        Path target = Files.createDirectories(repository.resolve("dev/rustypinch/pinch-api/" + Dist.VERSION));
        List<String> names = new ArrayList<>(List.of(base + ".jar", base + ".pom", base + "-sources.jar",
                base + "-javadoc.jar"));
        for (String name : names) {
            assertTrue(Files.isRegularFile(sdk.resolve(name)), "sdk/ lacks " + name);
            Files.copy(sdk.resolve(name), target.resolve(name));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path path : tree.collect(Collectors.toList())) {
                Path relative = from.relativize(path);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
