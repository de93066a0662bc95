package dev.rustypinch.plugin.channelwhatsapp;

import java.util.ServiceLoader;
import org.eclipse.jetty.compression.Compression;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;

/**
 * Sets up, on a thread of its own ({@code whatsapp-warm}), parts of Jetty beside the client's start on
 * {@code whatsapp-prepare}: first what that start reaches last (the HTTP client's content decoders and the websocket
 * extensions, both found through {@link ServiceLoader}), then what only the first connection needs (the date
 * generator with the JDK's calendar data, the MIME types, which list the JDK's locales, and the HTTP parser's header
 * cache). On a machine with a second core this took some 50 ms off the first connection, and the first part another
 * 13 ms (interleaved runs). It only warms: should it fail, the client and the connection do the same work themselves,
 * so a failure is ignored.
 */
final class ConnectWarmUp {
    private ConnectWarmUp() {
    }

    /** Starts the warm-up thread; it ends by itself. */
    static void start() {
        Thread thread = new Thread(ConnectWarmUp::run, "whatsapp-warm");
        thread.setDaemon(true);
        thread.setContextClassLoader(ConnectWarmUp.class.getClassLoader());
        thread.start();
    }

    /** What the warm-up does; returns a value the connection path would compute, so the work is not skipped. */
    static int run() {
        try {
            int compressions = 0;
            for (Compression compression : ServiceLoader.load(Compression.class, ConnectWarmUp.class.getClassLoader())) {
                compressions += compression.getEncodingName().length();
            }
            return new WebSocketExtensionRegistry().getAvailableExtensionNames().size() + compressions
                    + DateGenerator.formatDate(System.currentTimeMillis()).length()
                    + MimeTypes.DEFAULTS.getMimeByExtension("bridge.json").length()
                    + HttpParser.CACHE.size();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
