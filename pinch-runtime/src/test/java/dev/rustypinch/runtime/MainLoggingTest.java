package dev.rustypinch.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Logging set-up in fresh JVMs (Log4j fixes its context selector when it first starts). */
class MainLoggingTest {
    @Test
    void pluginsShareTheRuntimesLoggingContextWithoutJmx() throws Exception {
        assertEquals(List.of("same_context=true", "jmx_disabled=true"), probe());
    }

    @Test
    void aSelectorChosenByTheUserIsKept() throws Exception {
        assertEquals(List.of("same_context=false", "jmx_disabled=false"),
                probe("-Dlog4j2.contextSelector=org.apache.logging.log4j.core.selector.ClassLoaderContextSelector",
                        "-Dlog4j2.disable.jmx=false"));
    }

    private static List<String> probe(String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoggingContextProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }
}
