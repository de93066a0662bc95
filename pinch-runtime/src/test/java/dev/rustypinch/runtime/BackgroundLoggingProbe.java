package dev.rustypinch.runtime;

import dev.rustypinch.runtime.logging.BackgroundLog4jProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run in a fresh JVM by {@link MainLoggingTest}: configures logging as {@code main} does (with a test configuration
 * at DEBUG), logs before Log4j has started and ends as {@code main} does. Prints on stdout which logger it got first.
 */
public final class BackgroundLoggingProbe {
    private BackgroundLoggingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Main.configureLogging(null);
        Logger logger = LoggerFactory.getLogger("probe.early");
        System.out.println("first_logger=" + logger.getClass().getSimpleName());
        logger.debug("kept {}", 1);
        Thread other = new Thread(() -> LoggerFactory.getLogger("probe.other").info("from another thread"));
        other.start();
        other.join();
        logger.warn("in place");
        logger.info("last line {}", "before exit");
        System.out.println("later_logger=" + LoggerFactory.getLogger("probe.late").getClass().getSimpleName());
        System.out.flush();
        BackgroundLog4jProvider.finishStart();
        System.exit(0);
    }
}
