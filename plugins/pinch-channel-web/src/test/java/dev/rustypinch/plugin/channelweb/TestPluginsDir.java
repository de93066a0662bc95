package dev.rustypinch.plugin.channelweb;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.plugin.toolsbuiltin.TimeNowToolFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * A plugins directory built at test time, as the distribution lays it out: {@code pinch-channel-web/} holding a jar of
 * this module's classes and its runtime libraries, and {@code pinch-tools-builtin/} for {@code /tool time_now}.
 */
final class TestPluginsDir {
    private TestPluginsDir() {
    }

    static Path build(Path root) throws IOException {
        Path web = Files.createDirectories(root.resolve("pinch-channel-web"));
        jar(Path.of("target/classes"), web.resolve("pinch-channel-web-1.0.0.jar"));
        for (Class<?> library : List.of(Server.class, HttpField.class, Content.class, Callback.class, ObjectMapper.class,
                JsonFactory.class, JsonProperty.class)) {
            Path location = locationOf(library);
            Files.copy(location, web.resolve(location.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path tools = Files.createDirectories(root.resolve("pinch-tools-builtin"));
        Path toolClasses = locationOf(TimeNowToolFactory.class);
        if (Files.isDirectory(toolClasses)) {
            jar(toolClasses, tools.resolve("pinch-tools-builtin-1.0.0.jar"));
        } else {
            Files.copy(toolClasses, tools.resolve(toolClasses.getFileName()));
        }
        Path jacksonCore = locationOf(JsonFactory.class);
        Files.copy(jacksonCore, tools.resolve(jacksonCore.getFileName()));
        return root;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
