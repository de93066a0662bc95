package dev.rustypinch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plugin-authoring example, taken from README.md itself, compiled against the distribution's pinch-api
 * jar outside the build, dropped into a plugins directory next to a broken plugin: it loads and works, and the broken
 * one is reported by name while everything else keeps running.
 */
class PluginAuthoringIT {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path work;

    private static String codeBlockAfter(String readme, String marker) {
        Matcher matcher = Pattern.compile(Pattern.quote(marker) + "`?\\s*\\n\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(matcher.find(), "README has no code block after " + marker);
        return matcher.group(1);
    }

    private Path buildReadmePlugin() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Path src = Files.createDirectories(work.resolve("src/com/example/hello"));
        Path source = src.resolve("HelloToolFactory.java");
        Files.writeString(source, codeBlockAfter(readme, "HelloToolFactory.java`"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path apiJar;
        try (Stream<Path> lib = Files.list(CliRun.HOME.resolve("lib"))) {
            apiJar = lib.filter(p -> p.getFileName().toString().startsWith("pinch-api-")).findFirst().orElseThrow();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-cp", apiJar.toString(), "-d", classes.toString(), source.toString());
        assertEquals(0, status, "the README example must compile against pinch-api alone");
        Path jar = Files.createDirectories(work.resolve("plugins")).resolve("hello-tool.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "META-INF/services/dev.rustypinch.api.ToolFactory",
                    codeBlockAfter(readme, "META-INF/services/dev.rustypinch.api.ToolFactory`").getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/pinch/plugin.properties",
                    codeBlockAfter(readme, "META-INF/pinch/plugin.properties`").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    add(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private void copyDefaultPlugins(Path plugins) throws IOException {
        try (Stream<Path> tree = Files.walk(CliRun.HOME.resolve("plugins"))) {
            for (Path path : tree.toList()) {
                Path target = plugins.resolve(CliRun.HOME.resolve("plugins").relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    @Test
    void readmeToolPluginLoadsAndWorksBesideABrokenPlugin() throws Exception {
        buildReadmePlugin();
        Path plugins = work.resolve("plugins");
        copyDefaultPlugins(plugins);
        try (OutputStream broken = Files.newOutputStream(plugins.resolve("broken-thing.jar"));
             JarOutputStream jar = new JarOutputStream(broken)) {
            add(jar, "README.txt", "no descriptor here".getBytes(StandardCharsets.UTF_8));
        }
        CliRun cli = new CliRun(work).env("RUSTY_PINCH_PLUGINS_DIR", plugins.toString())
                .env("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString()).env("RUSTY_PINCH_PROVIDER", "local");

        List<String> lines = List.of(cli.run("plugins", "list").stdout().split("\n"));
        assertTrue(lines.contains("hello-tool 0.1.0 api=1.0 source=" + plugins.resolve("hello-tool.jar")
                + " providers=- channels=- tools=hello"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("broken-thing source=" + plugins.resolve("broken-thing.jar")
                + " FAILED: missing META-INF/pinch/plugin.properties (hint: "), lines.toString());

        CliRun.Result hello = cli.run("tools", "run", "--name", "hello", "--args", "Ada", "--session", "demo");
        assertEquals(0, hello.exitCode(), hello.stderr());
        assertEquals("[tool:hello]\nhello, Ada (session demo)\n", hello.stdout());
        CliRun.Result tooLong = cli.run("tools", "run", "--name", "hello", "--args", "x".repeat(41));
        assertTrue(tooLong.stderr().contains("tool 'hello' execution failed: name must be at most 40 characters"), tooLong.stderr());

        CliRun.Result doctor = cli.run("doctor");
        assertTrue(doctor.stdout().contains("- Plugin 'broken-thing' failed to load: missing META-INF/pinch/plugin.properties\n"));
        assertTrue(doctor.stdout().contains("plugins: loaded=6 failed=1 disabled=0\n"), doctor.stdout());
        assertEquals(0, cli.run("run", "--message", "still works").exitCode());
    }
}
