package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The class loader of one plugin, named {@code plugin:<name>} (SPEC §15.3). Its parent is the
 * platform class loader, so a plugin sees the JDK and its own jars only; classes of the plugin API
 * ({@code dev.rustypinch.api.}) and of SLF4J ({@code org.slf4j.}) come from the runtime's loader so
 * that plugin and runtime agree on those types. Everything else (Jackson, OkHttp, …) is the
 * plugin's own copy, which is why two plugins with conflicting library versions both work.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED_PREFIXES = List.of("dev.rustypinch.api.", "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;

    /**
     * @param pluginName    the descriptor name
     * @param classPath     the plugin's jars, in class path order
     * @param runtimeLoader the loader that serves the shared packages
     */
    PluginClassLoader(String pluginName, List<Path> classPath, ClassLoader runtimeLoader) {
        super("plugin:" + requireNonNull(pluginName, "pluginName is null"), urls(classPath),
                ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = requireNonNull(runtimeLoader, "runtimeLoader is null");
    }

    /** Whether a class is served by the runtime rather than by the plugin's jars. */
    static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    private static URL[] urls(List<Path> classPath) {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = fileUrl(classPath.get(i));
            } catch (MalformedURLException e) {
                throw new UncheckedIOException("jar path cannot be a URL: " + classPath.get(i), e);
            }
        }
        return urls;
    }

    /**
     * The {@code file:} URL of a jar, equal to {@code jar.toUri().toURL()}. An absolute path of plain characters
     * (letters, digits, {@code / . _ - + ~}) needs no escaping, so its URL is made directly: parsing it as a URI and
     * then again as a URL costs a cold JVM some 0.3 ms per jar, and every plugin jar needs one.
     */
    static URL fileUrl(Path jar) throws MalformedURLException {
        String path = jar.toString();
        if (jar.isAbsolute() && isPlain(path)) {
            return new URL("file", "", path);
        }
        return jar.toUri().toURL();
    }

    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == '~';
            if (!plain) {
                return false;
            }
        }
        return !path.isEmpty();
    }
}
