package dev.rustypinch.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void loggersWorkBeforeLog4jStartsAndNothingLoggedMeanwhileIsLost(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("log4j2.xml"), """
                <Configuration status="off">
                  <Appenders>
                    <Console name="stderr" target="SYSTEM_ERR"><PatternLayout pattern="%level %logger %msg%n"/></Console>
                  </Appenders>
                  <Loggers><Root level="debug"><AppenderRef ref="stderr"/></Root></Loggers>
                </Configuration>
                """, UTF_8);

        List<String> lines = run(BackgroundLoggingProbe.class, "-Dlog4j2.configurationFile=" + config);

        assertEquals(List.of("first_logger=StartingLogger", "later_logger=Log4jLogger",
                "DEBUG probe.early kept 1", "INFO probe.other from another thread", "WARN probe.early in place",
                "INFO probe.early last line before exit"), lines, "SLF4J's own notes stay off stderr too");
    }

    private static List<String> probe(String... options) throws Exception {
        return run(LoggingContextProbe.class, options);
    }

    /** Runs the probe's main in a fresh JVM: its stdout lines, then its stderr lines. */
    private static List<String> run(Class<?> probe, String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String output = readAll(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, process.exitValue(), output + errors.get());
        return Stream.concat(output.lines(), errors.get().lines()).toList();
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
