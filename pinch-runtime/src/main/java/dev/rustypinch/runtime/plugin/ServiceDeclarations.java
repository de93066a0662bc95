package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The provider classes a plugin's own jars declare for a service type in
 * {@code META-INF/services/<type>}, read with {@link java.util.ServiceLoader}'s file rules (UTF-8,
 * {@code #} starts a comment, one class name per line, duplicates dropped, jars in class path
 * order). Reading the names first lets every failure name the class it concerns. The files were read from the jars
 * directly ({@link JarFacts}) rather than through the class loader, which would open every jar of the plugin to look
 * for them.
 */
final class ServiceDeclarations {
    private final List<JarFacts> classPathFacts;

    /**
     * @param classPathFacts the facts of the jars of the plugin's class path, in order
     */
    ServiceDeclarations(List<JarFacts> classPathFacts) {
        this.classPathFacts = List.copyOf(requireNonNull(classPathFacts, "classPathFacts is null"));
    }

    /**
     * @throws IOException a services file for the type could not be read
     */
    List<String> classNames(Class<?> serviceType) throws IOException {
        if (!JarFacts.SERVICE_TYPES.contains(serviceType.getName())) {
            throw new IllegalArgumentException("not a plugin service type: " + serviceType.getName());
        }
        Set<String> names = new LinkedHashSet<>();
        for (JarFacts facts : classPathFacts) {
            names.addAll(facts.classNames(serviceType.getName()));
        }
        return new ArrayList<>(names);
    }
}
