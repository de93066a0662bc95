package dev.rustypinch.runtime.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarIndexTest {
    @TempDir
    Path temp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(JarIndex.OUTPUT_PROPERTY);
    }

    private Path plugins(TestPlugins... plugins) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.installAll(dir, plugins);
        return dir;
    }

    private static List<Path> jars(Path pluginsDir) throws IOException {
        try (Stream<Path> files = Files.walk(pluginsDir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        }
    }

    private static JarFacts readFromJar(Path jar) throws IOException {
        try (ZipFile file = new ZipFile(jar.toFile())) {
            return JarFacts.read(file);
        }
    }

    @Test
    void theTrainingRecordsEveryJarItOpensAndTheIndexGivesTheSameFactsBack() throws IOException {
        Path dir = plugins(TestPlugins.ECHO, TestPlugins.MULTI, TestPlugins.GREETER_V1);
        Path output = temp.resolve("index.jars");
        System.setProperty(JarIndex.OUTPUT_PROPERTY, output.toString());

        try (PluginRegistry registry = PluginLoader.load(dir, Set.of(), JarIndex::empty)) {
            assertEquals(3, registry.loaded().size());
        }
        PluginLoader.writeJarIndex();

        JarIndex index = JarIndex.read(output);
        List<Path> jars = jars(dir);
        assertEquals(4, jars.size(), jars::toString);
        for (Path jar : jars) {
            assertEquals(Optional.of(readFromJar(jar)), index.lookup(jar), jar::toString);
        }
        assertFalse(Files.exists(temp.resolve("index.jars.part")));
    }

    @Test
    void theLoaderTakesAnUnchangedJarsFactsFromTheIndexWithoutReadingTheJar() throws IOException {
        Path dir = plugins(TestPlugins.ECHO);
        Path jar = jars(dir).get(0);
        JarFacts real = readFromJar(jar);
        // Facts that differ from the jar's: only a loader that trusts the index (and never reads the jar) sees them.
        JarFacts told = new JarFacts("name=told\nversion=7\napi.version=1.0\n".getBytes(UTF_8), false,
                real.services(), Map.of());
        Path file = temp.resolve("told.jars");
        JarIndex.of(Map.of(jar, told)).write(file);

        try (PluginRegistry registry = PluginLoader.load(dir, Set.of(), () -> JarIndex.read(file))) {
            assertEquals(List.of("told"), registry.loaded().stream().map(LoadedPlugin::name).toList());
            assertEquals(Set.of("echo"), registry.toolNames());
        }
    }

    @Test
    void aJarChangedSinceTheIndexWasMadeIsReadAgain() throws IOException {
        Path dir = plugins(TestPlugins.ECHO);
        Path jar = jars(dir).get(0);
        JarFacts told = new JarFacts("name=told\nversion=7\napi.version=1.0\n".getBytes(UTF_8), false,
                readFromJar(jar).services(), Map.of());
        Path file = temp.resolve("told.jars");
        JarIndex.of(Map.of(jar, told)).write(file);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        assertEquals(Optional.empty(), JarIndex.read(file).lookup(jar));
        try (PluginRegistry registry = PluginLoader.load(dir, Set.of(), () -> JarIndex.read(file))) {
            assertEquals(List.of("echo"), registry.loaded().stream().map(LoadedPlugin::name).toList());
        }
    }

    @Test
    void aReplacedJarOfTheSameSizeAndTimeIsReadAgain() throws IOException {
        Path dir = plugins(TestPlugins.ECHO);
        Path jar = jars(dir).get(0);
        JarFacts told = new JarFacts("name=told\nversion=7\napi.version=1.0\n".getBytes(UTF_8), false, Map.of(), Map.of());
        Path file = temp.resolve("told.jars");
        JarIndex.of(Map.of(jar, told)).write(file);
        // Same bytes and time, but a new file (another inode), as a package upgrade that replaces files leaves it.
        Path copy = temp.resolve("copy.jar");
        Files.copy(jar, copy);
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(jar));
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(Optional.empty(), JarIndex.read(file).lookup(jar));
    }

    @Test
    void malformedIndexFilesAreIgnoredWhole() throws IOException {
        Path dir = plugins(TestPlugins.MULTI);
        Path jar = jars(dir).get(0);
        Path good = temp.resolve("good.jars");
        JarIndex.of(Map.of(jar, readFromJar(jar))).write(good);
        byte[] bytes = Files.readAllBytes(good);
        assertEquals(1, JarIndex.read(good).size());

        Map<String, byte[]> bad = new HashMap<>();
        bad.put("empty", new byte[0]);
        bad.put("truncated", Arrays.copyOf(bytes, bytes.length - 3));
        bad.put("trailing", Arrays.copyOf(bytes, bytes.length + 1));
        byte[] magic = bytes.clone();
        magic[0] ^= 1;
        bad.put("magic", magic);
        byte[] format = bytes.clone();
        format[7] = 9;
        bad.put("format", format);
        byte[] count = bytes.clone();
        count[8] = 0x7f;
        bad.put("count", count);
        bad.put("text", "name=echo\n".getBytes(UTF_8));
        for (Map.Entry<String, byte[]> item : bad.entrySet()) {
            Path file = Files.write(temp.resolve(item.getKey() + ".jars"), item.getValue());
            assertEquals(0, JarIndex.read(file).size(), item.getKey());
        }
        assertEquals(0, JarIndex.read(temp.resolve("missing.jars")).size());
        assertEquals(0, JarIndex.read(temp).size(), "a directory");
    }

    @Test
    void factsFollowServiceLoaderRulesAndKeepAServicesFileFailureForItsTypeOnly() throws IOException {
        Path dir = plugins(TestPlugins.MULTI);
        JarFacts facts = readFromJar(jars(dir).get(0));

        assertTrue(facts.descriptor().isPresent());
        assertFalse(facts.markerEntry());
        assertEquals(List.of("fixture.multi.OneToolFactory", "fixture.multi.TwoToolFactory"),
                facts.classNames(dev.rustypinch.api.ToolFactory.class.getName()));
        assertEquals(List.of(), facts.classNames(dev.rustypinch.api.ToolSourceFactory.class.getName()));
        assertTrue(facts.complete());

        IOException broken = new IOException("invalid stored block lengths");
        JarFacts partly = new JarFacts(null, false, Map.of(), Map.of(dev.rustypinch.api.ToolFactory.class.getName(), broken));
        assertFalse(partly.complete());
        assertEquals(List.of(), partly.classNames(dev.rustypinch.api.ChannelFactory.class.getName()));
        assertEquals(broken, org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> partly.classNames(dev.rustypinch.api.ToolFactory.class.getName())));
    }
}
