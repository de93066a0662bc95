package dev.rustypinch.plugin.channelwhatsapp;

import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.MimeTypes;

/**
 * Sets up, on a thread of its own ({@code whatsapp-warm}), what the first connection needs and starting the client
 * does not: the date generator (with the JDK's calendar data), the MIME types (which list the JDK's locales) and the
 * HTTP parser's header cache. It runs while the client starts on {@code whatsapp-prepare}, which takes some 50 ms off
 * the first connection on a machine with a second core. It only warms: should it fail, the connection does the same
 * work itself, so a failure is ignored.
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
            return DateGenerator.formatDate(System.currentTimeMillis()).length()
                    + MimeTypes.DEFAULTS.getMimeByExtension("bridge.json").length()
                    + HttpParser.CACHE.size();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
