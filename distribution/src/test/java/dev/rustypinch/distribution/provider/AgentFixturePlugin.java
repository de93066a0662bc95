package dev.rustypinch.distribution.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugins directory holding the distribution's default plugins (linked) and a fixture plugin compiled at test time
 * against the distribution's pinch-api jar, with three API 1.0 text tools: {@code slow_wait} (sleeps until interrupted),
 * {@code broken_tool} (throws) and {@code echo_text} (answers its args).
 */
final class AgentFixturePlugin {
    private static final String SOURCE = """
            package fixture.agent;

            import dev.rustypinch.api.PluginContext;
            import dev.rustypinch.api.Tool;
            import dev.rustypinch.api.ToolContext;
            import dev.rustypinch.api.ToolFactory;
            import dev.rustypinch.api.ToolInvocation;

            public final class AgentTools {
                private AgentTools() {
                }

                static Tool tool(String name, java.util.function.Function<String, String> body) {
                    return new Tool() {
                        public String name() { return name; }
                        public String description() { return "Fixture tool " + name + "."; }
                        public String usage() { return "/tool " + name + " [text]"; }
                        public String run(ToolInvocation invocation, ToolContext context) { return body.apply(invocation.args()); }
                    };
                }

                public static final class SlowWait implements ToolFactory {
                    public String toolName() { return "slow_wait"; }
                    public Tool create(PluginContext context) {
                        return tool("slow_wait", args -> {
                            try {
                                Thread.sleep(60_000);
                                return "woke";
                            } catch (InterruptedException e) {
                                return "interrupted";
                            }
                        });
                    }
                }

                public static final class Broken implements ToolFactory {
                    public String toolName() { return "broken_tool"; }
                    public Tool create(PluginContext context) {
                        return tool("broken_tool", args -> { throw new IllegalStateException("fixture failure"); });
                    }
                }

                public static final class EchoText implements ToolFactory {
                    public String toolName() { return "echo_text"; }
                    public Tool create(PluginContext context) {
                        return tool("echo_text", args -> "echo:" + args);
                    }
                }
            }
            """;

    private AgentFixturePlugin() {
    }

    /** Creates {@code <work>/plugins} with the default plugins and {@code agent-fixture.jar}. */
    static Path pluginsDir(Path work) {
        try {
            Path plugins = Files.createDirectories(work.resolve("plugins"));
            try (Stream<Path> defaults = Files.list(ProviderCli.HOME.resolve("plugins"))) {
                for (Path plugin : defaults.toList()) {
                    Files.createSymbolicLink(plugins.resolve(plugin.getFileName()), plugin);
                }
            }
            writeJar(compile(work.resolve("fixture-build")), plugins.resolve("agent-fixture.jar"));
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile(Path build) throws IOException {
        Path source = Files.createDirectories(build.resolve("src/fixture/agent")).resolve("AgentTools.java");
        Files.writeString(source, SOURCE, UTF_8);
        Path classes = Files.createDirectories(build.resolve("classes"));
        Path api;
        try (Stream<Path> lib = Files.list(ProviderCli.HOME.resolve("lib"))) {
            api = lib.filter(jar -> jar.getFileName().toString().startsWith("pinch-api-")).findFirst().orElseThrow();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, "--release", "17", "-proc:none", "-d", classes.toString(), "-cp", api.toString(),
                source.toString()) != 0) {
            throw new IllegalStateException("cannot compile the agent fixture plugin");
        }
        return classes;
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            put(out, "META-INF/pinch/plugin.properties", "name=agent-fixture\nversion=1.0.0\napi.version=1.0\n".getBytes(UTF_8));
            List<String> factories = new ArrayList<>(List.of("fixture.agent.AgentTools$SlowWait",
                    "fixture.agent.AgentTools$Broken", "fixture.agent.AgentTools$EchoText"));
            put(out, "META-INF/services/dev.rustypinch.api.ToolFactory", (String.join("\n", factories) + "\n").getBytes(UTF_8));
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
