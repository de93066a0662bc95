package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
 */
record PluginSource(Path path, String fallbackId, List<Path> classPath, List<String> notes,
        Optional<byte[]> descriptor, List<Problem> problems) {
    private static final String DESCRIPTOR = Problem.DESCRIPTOR;
    /**
     * Entries that identify a bundled pinch-api or logging jar. Looked up by name (a hash lookup in the jar's index)
     * rather than by walking every entry, which made the scan of a plugin with many dependency jars slow.
     */
    private static final List<String> MARKER_ENTRIES = List.of(
            "dev/rustypinch/api/PluginApi.class",
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
            "org/slf4j/LoggerFactory.class",
            "org/slf4j/Logger.class",
            "org/apache/logging/log4j/core/LoggerContext.class",
            "org/apache/logging/slf4j/Log4jLogger.class",
            "ch/qos/logback/classic/Logger.class",
            "ch/qos/logback/core/Appender.class");
    private static final Pattern LOGGING_JAR_NAME = Pattern.compile(
            "(log4j-core|log4j-slf4j[0-9]*-impl|logback-classic|logback-core|slf4j-simple|slf4j-api)([-.].*)?\\.jar");

    PluginSource {
        requireNonNull(path, "path is null");
        requireNonNull(fallbackId, "fallbackId is null");
        classPath = List.copyOf(requireNonNull(classPath, "classPath is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        requireNonNull(descriptor, "descriptor is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    /** Whether a plugins-directory entry is a plugin: a directory, or a regular file named {@code *.jar}. */
    static boolean isPluginEntry(Path entry) {
        return Files.isDirectory(entry) || (isJarName(entry) && Files.isRegularFile(entry));
    }

    /**
     * Inspects a plugin's jars without creating a class loader; the jars are opened through {@code jars}, which the
     * caller closes once the plugin is loaded. The jar holding the descriptor comes first on the class path, the
     * others follow in name order: the class loader opens jars in class path order until it finds a class, so the
     * plugin's factories load without opening its libraries' jars.
     */
    static PluginSource inspect(Path entry, OpenJars jars) {
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
        List<String> notes = new ArrayList<>();
        List<Path> descriptorJars = new ArrayList<>();
        byte[] descriptor = null;
        for (Path jar : files) {
            try {
                ZipFile file = jars.open(jar);
                ZipEntry descriptorEntry = file.getEntry(DESCRIPTOR);
                if (descriptorEntry != null) {
                    descriptorJars.add(jar);
                    descriptor = read(file, descriptorEntry);
                    classPath.add(descriptorJars.size() == 1 ? 0 : classPath.size(), jar);
                } else if (isBundledApiOrLogging(jar, file)) {
                    notes.add("ignored bundled jar " + jar.getFileName());
                } else {
                    classPath.add(jar);
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
        return new PluginSource(path, fallbackId, classPath, notes, single, problems);
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

    private static byte[] read(ZipFile file, ZipEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static boolean isBundledApiOrLogging(Path jar, ZipFile file) {
        if (LOGGING_JAR_NAME.matcher(jar.getFileName().toString().toLowerCase(Locale.ROOT)).matches()) {
            return true;
        }
        for (String marker : MARKER_ENTRIES) {
            if (file.getEntry(marker) != null) {
                return true;
            }
        }
        return false;
    }
}
