package dev.rustypinch.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ToolException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {
    @TempDir
    Path temp;

    @Test
    void aJarsUrlIsTheOneItsUriGives() throws MalformedURLException {
        for (String name : new String[] {"plain-1.0.jar", "with space.jar", "per%cent.jar", "hash#and?query.jar",
                "ünïcode.jar", "tilde~plus+under_score.jar", "semi;colon=equals.jar"}) {
            Path jar = temp.resolve("plugins").resolve(name).toAbsolutePath();
            assertEquals(jar.toUri().toURL(), PluginClassLoader.fileUrl(jar), name);
            assertEquals(jar.toUri().toURL().toExternalForm(), PluginClassLoader.fileUrl(jar).toExternalForm(), name);
        }
    }

    @Test
    void aPluginLoadsFromADirectoryWhoseNameNeedsEscaping() throws IOException, ToolException {
        Path plugins = Files.createDirectories(temp.resolve("my plugins %20 #1"));
        TestPlugins.installAll(plugins, TestPlugins.GREETER_V1);

        try (PluginRegistry registry = PluginLoader.load(plugins, Set.of())) {
            assertEquals(Set.of("greet_v1"), registry.toolNames());
            LoadedPlugin plugin = registry.toolPlugin("greet_v1").orElseThrow();
            assertEquals("v1", PluginIsolationTest.run(plugin, "greet_v1", "", temp.resolve("data")));
        }
    }
}
