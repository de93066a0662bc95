package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.model.JApiClass;
import japicmp.model.JApiMethod;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's API guard (japicmp against {@code baseline/pinch-api-1.0.jar}, see the module's pom)
 * must really fail on a breaking change: this test compiles today's API sources into a jar, once as
 * they are and once with one method removed, and compares each with the baseline the same way.
 */
class ApiCompatibilityCheckTest {

    private static final Path BASELINE = Path.of(System.getProperty("pinch-api.baseline", "baseline/pinch-api-1.0.jar"));
    private static final Path SOURCES = Path.of(System.getProperty("pinch-api.sources", "src/main/java"));

    @TempDir
    Path temp;

    @Test
    void currentApiIsCompatibleWithTheBaseline() throws IOException {
        List<String> breaks = incompatibilities(compileApi("current", source -> source));

        assertEquals(List.of(), breaks);
    }

    @Test
    void removingAMethodFailsTheCheck() throws IOException {
        Path broken = compileApi("removed-method", source -> source.replace(
                "    String usage();\n", ""));

        List<String> breaks = incompatibilities(broken);

        assertTrue(breaks.contains("dev.rustypinch.api.Tool#usage: METHOD_REMOVED"), breaks::toString);
    }

    @Test
    void addingAnAbstractInterfaceMethodFailsTheCheck() throws IOException {
        Path broken = compileApi("abstract-method", source -> source.replace(
                "    String usage();\n", "    String usage();\n\n    String category();\n"));

        List<String> breaks = incompatibilities(broken);

        assertTrue(breaks.contains("dev.rustypinch.api.Tool#category: METHOD_ADDED_TO_INTERFACE"), breaks::toString);
    }

    /** Every binary- or source-incompatible change, as {@code class#member: CHANGE}. */
    private static List<String> incompatibilities(Path newJar) {
        JarArchiveComparator comparator = new JarArchiveComparator(new JarArchiveComparatorOptions());
        List<JApiClass> classes = comparator.compare(
                new JApiCmpArchive(BASELINE.toFile(), "1.0.0"), new JApiCmpArchive(newJar.toFile(), "1.1.0"));
        List<String> breaks = new ArrayList<>();
        for (JApiClass type : classes) {
            type.getCompatibilityChanges().stream()
                    .filter(change -> !change.isBinaryCompatible() || !change.isSourceCompatible())
                    .forEach(change -> breaks.add(type.getFullyQualifiedName() + ": " + change.getType()));
            for (JApiMethod method : type.getMethods()) {
                method.getCompatibilityChanges().stream()
                        .filter(change -> !change.isBinaryCompatible() || !change.isSourceCompatible())
                        .forEach(change -> breaks.add(
                                type.getFullyQualifiedName() + "#" + method.getName() + ": " + change.getType()));
            }
        }
        return breaks;
    }

    /** Compiles the API sources, the tool interface edited by {@code edit}, into a jar. */
    private Path compileApi(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path src = temp.resolve(name + "-src");
        Path classes = temp.resolve(name + "-classes");
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        List<String> paths = new ArrayList<>();
        for (Path file : files) {
            Path copy = src.resolve(SOURCES.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(copy, file.getFileName().toString().equals("Tool.java") ? edit.apply(text) : text,
                    StandardCharsets.UTF_8);
            paths.add(copy.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d", classes.toString()));
        args.addAll(paths);
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "API sources must compile");
        Path jar = temp.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
