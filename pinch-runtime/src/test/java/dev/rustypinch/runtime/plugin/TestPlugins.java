package dev.rustypinch.runtime.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.PluginApi;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ToolFactory;
import dev.rustypinch.api.ToolSourceFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The fixture plugins, compiled from {@code src/test/resources/test-plugins} and jarred at test
 * time, once per JVM, into a temporary directory. A test copies the ones it needs into its own
 * plugins directory with {@link #installInto(Path)}.
 */
enum TestPlugins {
    /** A good single-jar plugin with tool {@code echo}. */
    ECHO("echo.jar", plugin("echo").tool("echo")),
    /** Provider, channel and tool {@code probe}, which report the context class loader of each call. */
    PROBE("probe.jar", plugin("probe")
            .service(ProviderFactory.class, "fixture.probe.ProbeProviderFactory")
            .service(ChannelFactory.class, "fixture.probe.ProbeChannelFactory")
            .service(ToolFactory.class, "fixture.probe.ProbeToolFactory")),
    /** Two tool factories, a provider factory serving two names and a channel factory in one plugin. */
    MULTI("multi.jar", plugin("multi", "2.1.0", "1.0")
            .service(ProviderFactory.class, "fixture.multi.AlphaProviderFactory")
            .service(ChannelFactory.class, "fixture.multi.LoopChannelFactory")
            .service(ToolFactory.class, "fixture.multi.OneToolFactory", "fixture.multi.TwoToolFactory")),
    /** A directory plugin bundling version v1 of {@code com.example.lib.Greeting}; tool {@code greet_v1}. */
    GREETER_V1("greeter-v1",
            plugin("greeter-v1").named("greeter.jar").service(ToolFactory.class, "fixture.greeter.GreeterToolFactory"),
            library(Sources.GREETING_V1, "greeting-lib.jar")),
    /** The same plugin code bundling version v2 of the same library class; tool {@code greet_v2}. */
    GREETER_V2("greeter-v2",
            plugin("greeter-v2").named("greeter.jar").service(ToolFactory.class, "fixture.greeter.GreeterToolFactory"),
            library(Sources.GREETING_V2, "greeting-lib.jar")),
    /**
     * A directory plugin whose library jar sorts before the plugin's jar and carries its own {@code fixture-tool-name.txt}
     * and a services file: the plugin's jar comes first on the class path, the library's declarations still count.
     */
    DESCRIPTOR_JAR_FIRST("descriptor-first",
            plugin("descriptor-first").named("zz-plugin.jar").tool("own_name"),
            classes("aa-library.jar").withoutClasses().resource("fixture-tool-name.txt", () -> bytes("library_name"))
                    .service(ToolFactory.class, "fixture.multi.OneToolFactory")),
    /** A factory whose constructor throws. */
    CONSTRUCTOR_THROWS("ctor-throws.jar", plugin("ctor-throws")
            .service(ToolFactory.class, "fixture.broken.ConstructorThrowsToolFactory")),
    /** A factory whose static initialiser throws. */
    STATIC_INIT_THROWS("static-init-throws.jar", plugin("static-init-throws")
            .service(ToolFactory.class, "fixture.broken.StaticInitThrowsToolFactory")),
    /** A factory that needs a class no jar of the plugin contains. */
    MISSING_DEPENDENCY("missing-dependency.jar", plugin("missing-dependency")
            .service(ToolFactory.class, "fixture.broken.MissingDependencyToolFactory")),
    /** A descriptor and classes, but no services files. */
    NO_SERVICES("no-services.jar", plugin("no-services")),
    /** A services file naming a class that does not exist, next to a good factory. */
    MISSING_CLASS("missing-class.jar", plugin("missing-class").tool("ghostly")
            .service(ToolFactory.class, "fixture.ghost.GhostToolFactory")),
    /** A tool services file naming a provider factory. */
    NOT_A_FACTORY("not-a-factory.jar", plugin("not-a-factory")
            .service(ToolFactory.class, "fixture.probe.ProbeProviderFactory")),
    /** A good tool factory without {@code META-INF/pinch/plugin.properties}. */
    NO_DESCRIPTOR("no-descriptor.jar", classes("plugin.jar").tool("orphan")),
    /** A descriptor without {@code version}. */
    MISSING_KEY("missing-key.jar", classes("plugin.jar").descriptor("name=missing-key\napi.version=1.0\n")
            .tool("missing_key")),
    /** A descriptor with {@code name} twice; the file name identifies it. */
    DUPLICATE_KEY("dup-key.jar", classes("plugin.jar")
            .descriptor("name=duplicate-key\nversion=1.0.0\nname=other\napi.version=1.0\n").tool("duplicate_key")),
    /** A descriptor with comments and keys the runtime does not know, which are ignored. */
    UNKNOWN_KEY("unknown-key.jar", classes("plugin.jar")
            .descriptor("# fixture\n\nname = unknown-key\nversion: 0.9.1\napi.version=1.0\n"
                    + "description=Has extra keys\nname.suffix=ignored\n")
            .tool("unknown_key")),
    /** Built against plugin API 2.0. */
    API_2_0("api-two.jar", plugin("api-two", "1.0.0", "2.0").tool("api_two")),
    /** Built against plugin API 1.2, newer than the runtime's 1.1. */
    API_1_2("api-one-two.jar", plugin("api-one-two", "1.0.0", "1.2").tool("api_one_two")),
    /** A directory plugin that bundles a copy of pinch-api. */
    BUNDLES_API("bundles-api",
            plugin("bundles-api").named("bundles-api.jar").tool("bundled_api"),
            classes("pinch-api-1.0.0.jar").withoutClasses()
                    .resource("dev/rustypinch/api/PluginApi.class", TestPlugins::pluginApiClassBytes)),
    /** A directory plugin that bundles Log4j (known by file name) and an SLF4J backend (known by content). */
    BUNDLES_LOGGING("bundles-logging",
            plugin("bundles-logging").named("bundles-logging.jar").tool("bundled_logging"),
            classes("log4j-core-2.26.1.jar").withoutClasses().resource("README.txt", () -> bytes("fake log4j-core")),
            classes("my-backend.jar").withoutClasses()
                    .resource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider", () -> bytes("my.Backend\n"))),
    /** Provides tool {@code shared}. */
    SHARED_TOOL_FIRST("dup-tool-a.jar", plugin("dup-tool-a").tool("shared")),
    /** Also provides tool {@code shared}; loads after {@link #SHARED_TOOL_FIRST}. */
    SHARED_TOOL_SECOND("dup-tool-b.jar", plugin("dup-tool-b").tool("shared")),
    /** Plugin {@code twin}. */
    TWIN_FIRST("twin-1.jar", plugin("twin").tool("twin_one")),
    /** Another plugin named {@code twin}; loads after {@link #TWIN_FIRST}. */
    TWIN_SECOND("twin-2.jar", plugin("twin").tool("twin_two")),
    /** Provides the built-in provider {@code local}. */
    LOCAL_PROVIDER("local-provider.jar", plugin("local-provider")
            .service(ProviderFactory.class, "fixture.broken.LocalProviderFactory")),
    /** Provides a tool whose name has a space and an exclamation mark. */
    INVALID_TOOL_NAME("invalid-tool.jar", plugin("invalid-tool").tool("Bad Name!")),
    /** Provides a tool whose name has 65 characters. */
    LONG_TOOL_NAME("long-tool.jar", plugin("long-tool").tool("a".repeat(65))),
    /** Declares tool {@code declared}, creates a tool named {@code created}. */
    MISMATCHED_TOOL("mismatched.jar", plugin("mismatched")
            .service(ToolFactory.class, "fixture.broken.MismatchedToolFactory")),
    /** Channel {@code telegram} whose {@code start} throws. */
    START_THROWS("start-throws.jar", plugin("start-throws")
            .service(ChannelFactory.class, "fixture.lifecycle.StartThrowsChannelFactory")),
    /** Channel {@code telegram} that raises SIGINT while it is created and throws if started afterwards. */
    SIGNAL_BEFORE_START("signal-before-start.jar", plugin("signal-before-start")
            .service(ChannelFactory.class, "fixture.lifecycle.SignalBeforeStartChannelFactory")),
    /**
     * A tool ({@code legacy_echo}) and a provider ({@code legacy}) compiled against the released plugin API 1.0 jar
     * ({@code pinch-api/baseline/pinch-api-1.0.jar}), not the current classes: binary compatibility (SPEC §18.2).
     */
    API_1_0_BUILT("legacy.jar", plugin("legacy", "1.0.0", "1.0")
            .compiledFrom(Sources.API_1_0)
            .service(ToolFactory.class, "fixture.legacy.LegacyToolFactory")
            .service(ProviderFactory.class, "fixture.legacy.LegacyProviderFactory")),
    /** API 1.1 tool source {@code fixture} only (no static tool); see {@code fixture.source.FixtureSourceFactory}. */
    SOURCE("source.jar", plugin("source", "1.0.0", "1.1")
            .service(ToolSourceFactory.class, "fixture.source.FixtureSourceFactory")),
    /** Provider {@code tool-caller} (API 1.1): calls the first offered tool once, then answers with its result. */
    TOOL_CALLER("tool-caller.jar", plugin("tool-caller", "1.0.0", "1.1")
            .service(ProviderFactory.class, "fixture.agent.ToolCallingProviderFactory")),
    /** Channel {@code telegram} with no storage code that stops itself at its first reply with 19 messages queued. */
    TAPE("tape.jar", plugin("tape").service(ChannelFactory.class, "fixture.journal.TapeChannelFactory")),
    /** Valid descriptor, broken services: fine as long as it is disabled. */
    SLEEPY("sleepy.jar", plugin("sleepy").service(ToolFactory.class, "fixture.ghost.Sleeper"));

    private static final Map<TestPlugins, Path> BUILT = new EnumMap<>(TestPlugins.class);

    private final String entryName;
    private final List<JarSpec> jars;

    TestPlugins(String entryName, JarSpec... jars) {
        this.entryName = entryName;
        this.jars = List.of(jars);
        if (entryName.endsWith(".jar") && jars.length != 1) {
            throw new IllegalArgumentException(entryName + ": a single-jar plugin has exactly one jar");
        }
    }

    /** The file or directory name in the plugins directory. */
    String entryName() {
        return entryName;
    }

    /** Copies the plugin into {@code pluginsDir} and returns its absolute path there. */
    Path installInto(Path pluginsDir) {
        Path target = pluginsDir.resolve(entryName).toAbsolutePath().normalize();
        try {
            Files.createDirectories(pluginsDir);
            copy(built(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Installs several plugins into {@code pluginsDir}. */
    static void installAll(Path pluginsDir, TestPlugins... plugins) {
        for (TestPlugins plugin : plugins) {
            plugin.installInto(pluginsDir);
        }
    }

    private Path built() throws IOException {
        synchronized (BUILT) {
            Path path = BUILT.get(this);
            if (path == null) {
                path = Workspace.ROOT.resolve("plugins").resolve(name()).resolve(entryName);
                if (entryName.endsWith(".jar")) {
                    Files.createDirectories(path.getParent());
                    jars.get(0).write(path);
                } else {
                    Files.createDirectories(path);
                    for (JarSpec jar : jars) {
                        jar.write(path.resolve(jar.fileName));
                    }
                }
                BUILT.put(this, path);
            }
            return path;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : children.collect(Collectors.toList())) {
                copy(child, to.resolve(child.getFileName().toString()));
            }
        }
    }

    private static JarSpec plugin(String name) {
        return plugin(name, "1.0.0", "1.0");
    }

    private static JarSpec plugin(String name, String version, String apiVersion) {
        return classes(name + ".jar")
                .descriptor("name=" + name + "\nversion=" + version + "\napi.version=" + apiVersion + "\n");
    }

    private static JarSpec classes(String fileName) {
        return new JarSpec(fileName);
    }

    private static JarSpec library(Sources sources, String fileName) {
        JarSpec jar = new JarSpec(fileName);
        jar.sources = sources;
        return jar;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] pluginApiClassBytes() {
        try (InputStream in = PluginApi.class.getResourceAsStream("PluginApi.class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One jar of a fixture plugin. */
    private static final class JarSpec {
        private String fileName;
        private Sources sources = Sources.FIXTURES;
        private String descriptor;
        private final Map<String, List<String>> services = new LinkedHashMap<>();
        private final Map<String, Supplier<byte[]>> resources = new LinkedHashMap<>();

        JarSpec(String fileName) {
            this.fileName = fileName;
        }

        JarSpec named(String name) {
            fileName = name;
            return this;
        }

        JarSpec compiledFrom(Sources tree) {
            sources = tree;
            return this;
        }

        JarSpec withoutClasses() {
            sources = null;
            return this;
        }

        JarSpec descriptor(String text) {
            descriptor = text;
            return this;
        }

        JarSpec service(Class<?> type, String... classNames) {
            services.computeIfAbsent(type.getName(), key -> new ArrayList<>()).addAll(List.of(classNames));
            return this;
        }

        /** Adds {@code fixture.named.NamedToolFactory}, whose tool name is read from this jar. */
        JarSpec tool(String toolName) {
            return service(ToolFactory.class, "fixture.named.NamedToolFactory")
                    .resource("fixture-tool-name.txt", () -> bytes(toolName));
        }

        JarSpec resource(String path, Supplier<byte[]> content) {
            resources.put(path, content);
            return this;
        }

        void write(Path target) throws IOException {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (OutputStream file = Files.newOutputStream(target);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                if (sources != null) {
                    Path classes = sources.compiled();
                    try (Stream<Path> walk = Files.walk(classes)) {
                        for (Path path : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                            String name = classes.relativize(path).toString().replace('\\', '/');
                            put(jar, name, Files.readAllBytes(path));
                        }
                    }
                }
                if (descriptor != null) {
                    put(jar, "META-INF/pinch/plugin.properties", bytes(descriptor));
                }
                for (Map.Entry<String, List<String>> service : services.entrySet()) {
                    put(jar, "META-INF/services/" + service.getKey(), bytes(String.join("\n", service.getValue()) + "\n"));
                }
                for (Map.Entry<String, Supplier<byte[]>> resource : resources.entrySet()) {
                    put(jar, resource.getKey(), resource.getValue().get());
                }
            }
        }

        private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
            jar.putNextEntry(new JarEntry(name));
            jar.write(content);
            jar.closeEntry();
        }
    }

    /** The fixture source trees, each compiled once per JVM against pinch-api and its dependencies. */
    private enum Sources {
        MISSING_LIB("missing-lib"),
        GREETING_V1("greeting-v1"),
        GREETING_V2("greeting-v2"),
        FIXTURES("fixtures", MISSING_LIB, GREETING_V1),
        /** Compiled against the API 1.0 baseline jar instead of the current pinch-api classes. */
        API_1_0("api-1-0", Workspace.API_1_0_JAR);

        private final String directory;
        private final Path api;
        private final List<Sources> dependencies;
        private Path compiled;

        Sources(String directory, Sources... dependencies) {
            this(directory, Workspace.API_CLASSES, dependencies);
        }

        Sources(String directory, Path api, Sources... dependencies) {
            this.directory = directory;
            this.api = api;
            this.dependencies = List.of(dependencies);
        }

        synchronized Path compiled() throws IOException {
            if (compiled == null) {
                compiled = compile();
            }
            return compiled;
        }

        private Path compile() throws IOException {
            Path sourceRoot = Workspace.SOURCES.resolve(directory);
            Path output = Workspace.ROOT.resolve("classes").resolve(directory);
            Files.createDirectories(output);
            List<String> classPath = new ArrayList<>();
            classPath.add(api.toString());
            for (Sources dependency : dependencies) {
                classPath.add(dependency.compiled().toString());
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sourceRoot)) {
                files = walk.filter(path -> path.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
                List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                        "-d", output.toString(), "-classpath", String.join(File.pathSeparator, classPath));
                boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
                        fileManager.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    throw new IllegalStateException("cannot compile fixture sources " + directory + ":\n"
                            + diagnostics.getDiagnostics().stream()
                                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                                    .map(d -> d.getMessage(Locale.ROOT))
                                    .collect(Collectors.joining("\n")));
                }
            }
            return output;
        }
    }

    /** Where fixtures come from and go to; deleted when the JVM exits. */
    private static final class Workspace {
        static final Path SOURCES = resource("/test-plugins");
        static final Path API_CLASSES = location(PluginApi.class);
        /** The released API 1.0 jar, passed by Maven (surefire) as {@code pinch.api.baseline}. */
        static final Path API_1_0_JAR = Path.of(System.getProperty("pinch.api.baseline",
                "../pinch-api/baseline/pinch-api-1.0.jar")).toAbsolutePath().normalize();
        static final Path ROOT = createRoot();

        private static Path createRoot() {
            try {
                Path root = Files.createTempDirectory("pinch-test-plugins");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "test-plugins-cleanup"));
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void delete(Path root) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path resource(String name) {
            try {
                return Path.of(TestPlugins.class.getResource(name).toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path location(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
