package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files of one plugin: {@code <plugins dir>/<name>/} (every {@code *.jar} in it, by file name)
 * or {@code <plugins dir>/<name>.jar} (SPEC §15.1), with the jars it must not use left off its
 * class path: a bundled copy of {@code pinch-api} or a logging API or backend (SLF4J, Log4j,
 * Logback), each with a note. The jar holding the plugin descriptor is always kept.
 *
 * @param path       the absolute directory or jar
 * @param fallbackId the directory name, or the file name without {@code .jar}
 * @param classPath  the jars the plugin's class loader reads, in order: the descriptor's jar, then the others by name
 * @param notes      {@code ignored bundled jar <file>} per ignored jar
 * @param descriptor the descriptor's bytes, when exactly one jar has one
 * @param problems   why the files cannot form a plugin
 * @param jarFacts   the facts of each class path jar, in class path order
 */
record PluginSource(Path path, String fallbackId, List<Path> classPath, List<String> notes,
        Optional<byte[]> descriptor, List<Problem> problems, List<JarFacts> jarFacts) {
    private static final Pattern LOGGING_JAR_NAME = Pattern.compile(
            "(log4j-core|log4j-slf4j[0-9]*-impl|logback-classic|logback-core|slf4j-simple|slf4j-api)([-.].*)?\\.jar");

    PluginSource {
        requireNonNull(path, "path is null");
        requireNonNull(fallbackId, "fallbackId is null");
        classPath = List.copyOf(requireNonNull(classPath, "classPath is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        requireNonNull(descriptor, "descriptor is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        jarFacts = List.copyOf(requireNonNull(jarFacts, "jarFacts is null"));
        if (jarFacts.size() != classPath.size()) {
            throw new IllegalArgumentException("one JarFacts per class path jar");
        }
    }

    /** Whether a plugins-directory entry is a plugin: a directory, or a regular file named {@code *.jar}. */
    static boolean isPluginEntry(Path entry) {
        return Files.isDirectory(entry) || (isJarName(entry) && Files.isRegularFile(entry));
    }

    /**
     * Inspects a plugin's jars without creating a class loader; the jars are opened through {@code jars}, which the
     * caller closes once the plugin is loaded. The jar holding the descriptor comes first on the class path, the
     * others follow in name order: the class loader opens jars in class path order until it finds a class, so the
     * plugin's factories load without opening its libraries' jars. A jar the {@code index} knows unchanged is not
     * opened at all.
     */
    static PluginSource inspect(Path entry, OpenJars jars, JarIndex index) {
        Path path = entry.toAbsolutePath().normalize();
        String fileName = path.getFileName().toString();
        boolean directory = Files.isDirectory(path);
        String fallbackId = directory || fileName.equals(".jar") ? fileName
                : fileName.substring(0, fileName.length() - ".jar".length());
        List<Problem> problems = new ArrayList<>();
        List<Path> files = directory ? jarsIn(path, problems) : List.of(path);
        if (directory && files.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.noJars());
        }
        List<Path> classPath = new ArrayList<>();
        List<JarFacts> classPathFacts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Path> descriptorJars = new ArrayList<>();
        byte[] descriptor = null;
        for (Path jar : files) {
            try {
                JarFacts facts = facts(jar, jars, index);
                Optional<byte[]> descriptorBytes = facts.descriptor();
                if (descriptorBytes.isPresent()) {
                    descriptorJars.add(jar);
                    descriptor = descriptorBytes.get();
                    int position = descriptorJars.size() == 1 ? 0 : classPath.size();
                    classPath.add(position, jar);
                    classPathFacts.add(position, facts);
                } else if (isBundledApiOrLogging(jar, facts)) {
                    notes.add("ignored bundled jar " + jar.getFileName());
                } else {
                    classPath.add(jar);
                    classPathFacts.add(facts);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(Problem.unreadable(jar.getFileName().toString(), Failures.describe(e)));
            }
        }
        if (descriptorJars.size() > 1) {
            problems.add(Problem.severalDescriptors(descriptorJars.stream()
                    .map(jar -> jar.getFileName().toString())
                    .collect(Collectors.joining(", "))));
        } else if (descriptorJars.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.missingDescriptor());
        }
        Optional<byte[]> single = descriptorJars.size() == 1 ? Optional.of(descriptor) : Optional.empty();
        return new PluginSource(path, fallbackId, classPath, notes, single, problems, classPathFacts);
    }

    /** The facts of a jar: from the index while the jar is unchanged, else read from the jar (and recorded). */
    private static JarFacts facts(Path jar, OpenJars jars, JarIndex index) throws IOException {
        Optional<JarFacts> known = index.lookup(jar);
        if (known.isPresent()) {
            return known.get();
        }
        if (!JarIndex.recording()) {
            return JarFacts.read(jars.open(jar));
        }
        Optional<JarIndex.Stamp> before = JarIndex.Stamp.of(jar);
        JarFacts facts = JarFacts.read(jars.open(jar));
        before.ifPresent(stamp -> JarIndex.record(jar, stamp, facts));
        return facts;
    }

    private static boolean isJarName(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().endsWith(".jar");
    }

    private static List<Path> jarsIn(Path directory, List<Problem> problems) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (isJarName(entry) && Files.isRegularFile(entry)) {
                    jars.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.unreadable("the plugin directory", Failures.describe(e)));
            return List.of();
        }
        Collections.sort(jars);
        return jars;
    }

    private static boolean isBundledApiOrLogging(Path jar, JarFacts facts) {
        return facts.markerEntry()
                || LOGGING_JAR_NAME.matcher(jar.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }
}
