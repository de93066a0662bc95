package dev.rustypinch.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The archives and the unpacked copy (SPEC §16.1). */
class ArchiveLayoutIT {
    private static final String BASE = Dist.NAME + "/";
    /** What the launcher may add to lib/ when the unpacked copy is run (the quick start): archives, markers, temp files. */
    private static final Pattern CLASS_SHARING_FILE = Pattern.compile(".*/lib/rusty-pinch-[^/]*\\.(jsa|aot)([.][^/]*)?");

    @Test
    void zipAndTarGzHoldTheSameFilesUnderOneBaseDirectory() throws IOException {
        Map<String, Integer> zip = files(ArchiveEntries.ofZip(Dist.ZIP));
        Map<String, Integer> tar = files(ArchiveEntries.ofTarGz(Dist.TARBALL));

        assertEquals(zip.keySet(), tar.keySet());
        assertTrue(zip.keySet().stream().allMatch(name -> name.startsWith(BASE)), zip.keySet()::toString);
    }

    @Test
    void archivesMatchTheUnpackedCopy() throws IOException {
        Set<String> unpacked;
        try (Stream<Path> walk = Files.walk(Dist.UNPACKED)) {
            unpacked = walk.filter(Files::isRegularFile)
                    .map(path -> BASE + Dist.UNPACKED.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> !CLASS_SHARING_FILE.matcher(name).matches())
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertEquals(unpacked, files(ArchiveEntries.ofTarGz(Dist.TARBALL)).keySet());
    }

    @Test
    void holdsTheSpecifiedLayout() throws IOException {
        Set<String> names = files(ArchiveEntries.ofTarGz(Dist.TARBALL)).keySet();

        for (String required : List.of("bin/rusty-pinch", "bin/rusty-pinch-cds", "conf/.env.example", "conf/log4j2.xml",
                "conf/jvm.options", "VERSION", "deploy/systemd/rusty-pinch-telegram.service",
                "deploy/systemd/rusty-pinch-whatsapp.service", "deploy/systemd/rusty-pinch-web.service",
                "deploy/systemd/rusty-pinch.env.example",
                "deploy/systemd/INSTALL.md", "deploy/container/Dockerfile", "deploy/container/compose.yaml",
                "deploy/container/rusty-pinch.env.example", "lib/pinch-runtime-" + Dist.VERSION + ".jar",
                "lib/pinch-api-" + Dist.VERSION + ".jar")) {
            assertTrue(names.contains(BASE + required), required + " missing");
        }
        for (String plugin : Dist.DEFAULT_PLUGINS) {
            assertTrue(names.contains(BASE + "plugins/" + plugin + "/" + plugin + "-" + Dist.VERSION + ".jar"), plugin);
        }
        assertEquals(Files.exists(Dist.PROJECT_ROOT.resolve("README.md")), names.contains(BASE + "README.md"));
    }

    @Test
    void versionFileHoldsTheVersion() throws IOException {
        assertEquals(Dist.VERSION + "\n", Files.readString(Dist.UNPACKED.resolve("VERSION"), UTF_8));
        assertEquals("1.0.0", Dist.VERSION);
    }

    @Test
    void launchersAreExecutableInBothArchivesAndOtherFilesAreNot() throws IOException {
        for (Map<String, Integer> entries : List.of(files(ArchiveEntries.ofZip(Dist.ZIP)),
                files(ArchiveEntries.ofTarGz(Dist.TARBALL)))) {
            entries.forEach((name, mode) -> {
                int expected = name.startsWith(BASE + "bin/") ? 0755 : 0644;
                assertEquals(expected, mode, () -> name + " has mode " + Integer.toOctalString(mode));
            });
        }
        assertTrue(Files.isExecutable(Dist.launcher()));
    }

    @Test
    void checksumFilesMatchInSha256sumFormat() throws IOException, NoSuchAlgorithmException {
        for (Path archive : List.of(Dist.ZIP, Dist.TARBALL)) {
            Path checksum = archive.resolveSibling(archive.getFileName() + ".sha256");
            String digest = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));

            assertEquals(digest + "  " + archive.getFileName() + "\n", Files.readString(checksum, UTF_8).replace("\r\n", "\n"));
        }
    }

    @Test
    void libHoldsTheRuntimeAndItsLibrariesSideBySide() throws IOException {
        Set<String> jars = jarNames(Dist.UNPACKED.resolve("lib"));

        for (String prefix : List.of("pinch-runtime-", "pinch-api-", "slf4j-api-", "log4j-api-", "log4j-core-",
                "log4j-slf4j2-impl-", "jackson-databind-", "jackson-core-", "jline-")) {
            assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(prefix)), prefix + " missing from " + jars);
        }
        assertTrue(jars.stream().noneMatch(jar -> jar.startsWith("pinch-provider") || jar.startsWith("pinch-channel")
                || jar.startsWith("pinch-tools") || jar.startsWith("junit")), jars::toString);
    }

    @Test
    void noJarIsAFatJar() throws IOException {
        int log4jPluginIndexes = 0;
        for (String name : jarNames(Dist.UNPACKED.resolve("lib"))) {
            try (JarFile jar = new JarFile(Dist.UNPACKED.resolve("lib").resolve(name).toFile())) {
                if (jar.getEntry("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat") != null) {
                    log4jPluginIndexes++;
                }
                if (name.startsWith("pinch-")) {
                    assertTrue(jar.stream().map(entry -> entry.getName()).filter(entry -> entry.endsWith(".class"))
                            .allMatch(entry -> entry.startsWith("dev/rustypinch/")), name + " bundles foreign classes");
                }
            }
        }
        assertEquals(1, log4jPluginIndexes);
    }

    @Test
    void pluginDirectoriesHoldTheirJarAndLibrariesButNoSharedApi() throws IOException {
        Set<String> pluginDirs = new TreeSet<>();
        try (Stream<Path> list = Files.list(Dist.UNPACKED.resolve("plugins"))) {
            list.forEach(path -> pluginDirs.add(path.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of(Dist.DEFAULT_PLUGINS)), pluginDirs);

        for (String plugin : Dist.DEFAULT_PLUGINS) {
            Path dir = Dist.UNPACKED.resolve("plugins").resolve(plugin);
            Set<String> jars = jarNames(dir);
            assertTrue(jars.stream().noneMatch(jar -> jar.startsWith("pinch-api") || jar.startsWith("slf4j-api")
                    || jar.startsWith("log4j-")), plugin + ": " + jars);
            try (JarFile jar = new JarFile(dir.resolve(plugin + "-" + Dist.VERSION + ".jar").toFile())) {
                assertTrue(jar.getEntry("META-INF/pinch/plugin.properties") != null, plugin + " has no descriptor");
            }
        }
        assertTrue(jarNames(Dist.UNPACKED.resolve("plugins/pinch-provider-openai")).stream()
                .anyMatch(jar -> jar.startsWith("okhttp-jvm-")));
        assertTrue(jarNames(Dist.UNPACKED.resolve("plugins/pinch-channel-whatsapp")).stream()
                .anyMatch(jar -> jar.startsWith("jetty-websocket-jetty-client-")));
        Set<String> mcpJars = jarNames(Dist.UNPACKED.resolve("plugins/pinch-tools-mcp"));
        assertTrue(mcpJars.stream().anyMatch(jar -> jar.startsWith("mcp-core-"))
                && mcpJars.stream().anyMatch(jar -> jar.startsWith("reactor-core-")), mcpJars.toString());
        assertTrue(jarNames(Dist.UNPACKED.resolve("lib")).stream().noneMatch(jar -> jar.startsWith("mcp-")
                || jar.startsWith("reactor-")), "the MCP SDK belongs in its plugin directory only");
        assertTrue(jarNames(Dist.UNPACKED.resolve("plugins/pinch-channel-web")).stream()
                .anyMatch(jar -> jar.startsWith("jetty-server-")));
        assertTrue(jarNames(Dist.UNPACKED.resolve("plugins/pinch-channel-web")).stream()
                .noneMatch(jar -> jar.startsWith("openai-") || jar.startsWith("okhttp") || jar.startsWith("selenium")
                        || jar.startsWith("pinch-runtime")), "test-only libraries stay out of the web plugin");
        assertTrue(jarNames(Dist.UNPACKED.resolve("plugins/pinch-channel-web")).stream()
                .noneMatch(jar -> jar.startsWith("jackson-databind-")), "the web plugin reads JSON with jackson-core alone");
    }

    @Test
    void distributionHoldsNoClassSharingArchive() throws IOException {
        Set<String> names = files(ArchiveEntries.ofTarGz(Dist.TARBALL)).keySet();

        assertTrue(names.stream().noneMatch(name -> name.endsWith(".jsa") || name.endsWith(".aot")),
                "an archive only fits the JVM that made it; the launcher creates it on first use");
    }

    private static Map<String, Integer> files(Map<String, Integer> entries) {
        Map<String, Integer> files = new TreeMap<>(entries);
        files.keySet().removeIf(name -> name.endsWith("/"));
        return files;
    }

    private static Set<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
