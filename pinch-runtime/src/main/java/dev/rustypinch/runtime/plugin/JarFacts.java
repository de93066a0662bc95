package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ToolFactory;
import dev.rustypinch.api.ToolSourceFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What plugin loading needs to know of one jar, and nothing else: the plugin descriptor it holds, whether it holds an
 * entry that marks a bundled pinch-api or logging jar, and the factory classes its {@code META-INF/services} files
 * declare for the plugin API's service types. Read from the jar by {@link #read}, or taken from the {@link JarIndex}
 * the launcher's archive training wrote, so that a start need not open every library jar of every plugin.
 */
final class JarFacts {
    /** The service types a plugin can declare factories for, in the order plugin loading asks for them. */
    static final List<String> SERVICE_TYPES = List.of(ProviderFactory.class.getName(), ChannelFactory.class.getName(),
            ToolFactory.class.getName(), ToolSourceFactory.class.getName());

    /**
     * Entries that identify a bundled pinch-api or logging jar. Looked up by name (a hash lookup in the jar's index)
     * rather than by walking every entry, which made the scan of a plugin with many dependency jars slow.
     */
    static final List<String> MARKER_ENTRIES = List.of(
            "dev/rustypinch/api/PluginApi.class",
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
            "org/slf4j/LoggerFactory.class",
            "org/slf4j/Logger.class",
            "org/apache/logging/log4j/core/LoggerContext.class",
            "org/apache/logging/slf4j/Log4jLogger.class",
            "ch/qos/logback/classic/Logger.class",
            "ch/qos/logback/core/Appender.class");

    private final byte[] descriptor;
    private final boolean markerEntry;
    private final Map<String, List<String>> services;
    private final Map<String, IOException> serviceFailures;

    /**
     * @param descriptor      the descriptor's bytes, or null when the jar has none
     * @param markerEntry     whether one of the {@link #MARKER_ENTRIES} is present
     * @param services        service type to the class names its services file declares (types without a file left out)
     * @param serviceFailures service type to why its services file could not be read
     */
    JarFacts(byte[] descriptor, boolean markerEntry, Map<String, List<String>> services,
            Map<String, IOException> serviceFailures) {
        this.descriptor = descriptor == null ? null : descriptor.clone();
        this.markerEntry = markerEntry;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        requireNonNull(services, "services is null").forEach((type, names) -> copy.put(type, List.copyOf(names)));
        this.services = Collections.unmodifiableMap(copy);
        this.serviceFailures = Map.copyOf(requireNonNull(serviceFailures, "serviceFailures is null"));
    }

    /**
     * Reads the facts of an open jar the way plugin loading always has: the descriptor and each services file by
     * {@link ZipFile#getEntry} (a services "file" that is a directory declares nothing), services files with
     * {@link java.util.ServiceLoader}'s rules (UTF-8, {@code #} starts a comment, one class name per line, repeats
     * dropped).
     *
     * @throws IOException the descriptor cannot be read (a services file that cannot be read is kept as its failure)
     */
    static JarFacts read(ZipFile file) throws IOException {
        ZipEntry descriptorEntry = file.getEntry(Problem.DESCRIPTOR);
        byte[] descriptor = descriptorEntry == null ? null : readAll(file, descriptorEntry);
        boolean marker = false;
        for (String name : MARKER_ENTRIES) {
            if (file.getEntry(name) != null) {
                marker = true;
                break;
            }
        }
        Map<String, List<String>> services = new LinkedHashMap<>();
        Map<String, IOException> failures = new LinkedHashMap<>();
        for (String type : SERVICE_TYPES) {
            ZipEntry entry = file.getEntry("META-INF/services/" + type);
            if (entry == null || entry.isDirectory()) {
                continue;
            }
            try {
                services.put(type, classNames(file, entry));
            } catch (IOException e) {
                failures.put(type, e);
            }
        }
        return new JarFacts(descriptor, marker, services, failures);
    }

    /** The descriptor's bytes, when the jar holds one. */
    Optional<byte[]> descriptor() {
        return descriptor == null ? Optional.empty() : Optional.of(descriptor.clone());
    }

    /** Whether the jar holds an entry of a bundled pinch-api or logging jar. */
    boolean markerEntry() {
        return markerEntry;
    }

    /** Service type to the class names declared for it (only types with a services file). */
    Map<String, List<String>> services() {
        return services;
    }

    /**
     * The class names declared for a service type (empty without a services file).
     *
     * @throws IOException the services file could not be read
     */
    List<String> classNames(String serviceType) throws IOException {
        IOException failure = serviceFailures.get(serviceType);
        if (failure != null) {
            throw failure;
        }
        return services.getOrDefault(serviceType, List.of());
    }

    /** Whether everything could be read, so that the facts may be kept in an index. */
    boolean complete() {
        return serviceFailures.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JarFacts that && markerEntry == that.markerEntry
                && Arrays.equals(descriptor, that.descriptor) && services.equals(that.services)
                && serviceFailures.equals(that.serviceFailures);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(descriptor) + Boolean.hashCode(markerEntry)) + services.hashCode();
    }

    @Override
    public String toString() {
        return "JarFacts[descriptor=" + (descriptor != null) + ", marker=" + markerEntry + ", services=" + services + "]";
    }

    private static byte[] readAll(ZipFile file, ZipEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static List<String> classNames(ZipFile file, ZipEntry entry) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = file.getInputStream(entry);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
