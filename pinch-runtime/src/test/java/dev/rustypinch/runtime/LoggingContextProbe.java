package dev.rustypinch.runtime;

import java.net.URL;
import java.net.URLClassLoader;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.spi.LoggerContext;

/**
 * Run in a fresh JVM by {@link MainLoggingTest}: configures logging as {@code main} does, then prints whether a
 * plugin-like class loader (its own loader, parent the platform loader) gets the runtime's logging context.
 */
public final class LoggingContextProbe {
    private LoggingContextProbe() {
    }

    public static void main(String[] args) throws Exception {
        Main.configureLogging(null);
        try (URLClassLoader plugin = new URLClassLoader("plugin:probe", new URL[0],
                ClassLoader.getPlatformClassLoader())) {
            LoggerContext runtime = LogManager.getContext(Main.class.getClassLoader(), false);
            LoggerContext pluginContext = LogManager.getContext(plugin, false);
            System.out.println("same_context=" + (runtime == pluginContext));
            System.out.println("jmx_disabled=" + System.getProperty("log4j2.disable.jmx"));
        }
    }
}
