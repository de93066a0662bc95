package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The provider classes a plugin's own jars declare for a service type in
 * {@code META-INF/services/<type>}, read with {@link java.util.ServiceLoader}'s file rules (UTF-8,
 * {@code #} starts a comment, one class name per line, duplicates dropped, jars in class path
 * order). Reading the names first lets every failure name the class it concerns. The files are read from the jars
 * directly rather than through the class loader, which would open every jar of the plugin to look for them.
 */
final class ServiceDeclarations {
    private final OpenJars jars;
    private final List<Path> classPath;

    /**
     * @param jars      where the jars are opened
     * @param classPath the jars of the plugin's class path, in order
     */
    ServiceDeclarations(OpenJars jars, List<Path> classPath) {
        this.jars = requireNonNull(jars, "jars is null");
        this.classPath = List.copyOf(requireNonNull(classPath, "classPath is null"));
    }

    /**
     * @throws IOException a jar or a services file cannot be read
     */
    List<String> classNames(Class<?> serviceType) throws IOException {
        String fileName = "META-INF/services/" + serviceType.getName();
        Set<String> names = new LinkedHashSet<>();
        for (Path jar : classPath) {
            ZipFile file = jars.open(jar);
            ZipEntry entry = file.getEntry(fileName);
            if (entry == null || entry.isDirectory()) {
                continue;
            }
            try (InputStream in = file.getInputStream(entry);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }
}
