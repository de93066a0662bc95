package dev.rustypinch.runtime.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The provider classes a plugin's own jars declare for a service type in
 * {@code META-INF/services/<type>}, read with {@link java.util.ServiceLoader}'s file rules (UTF-8,
 * {@code #} starts a comment, one class name per line, duplicates dropped, jars in class path
 * order). Reading the names first lets every failure name the class it concerns.
 */
final class ServiceDeclarations {
    private ServiceDeclarations() {
    }

    /**
     * @throws IOException a services file cannot be read
     */
    static List<String> classNames(PluginClassLoader loader, Class<?> serviceType) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> files = loader.findResources("META-INF/services/" + serviceType.getName());
        while (files.hasMoreElements()) {
            URLConnection connection = files.nextElement().openConnection();
            connection.setUseCaches(false);
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
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
