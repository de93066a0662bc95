package dev.rustypinch.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How {@code main} ends: by returning (no {@code System.exit}, whose logger lookup starts java.util.logging on Java
 * 21+) only when the command succeeded and nothing else keeps the JVM alive; otherwise with {@code System.exit}, as
 * always. Either way the shutdown hooks run and the exit status is the command's.
 */
class MainExitTest {
    @Test
    void aSucceedingCommandEndsTheJvmWithStatusZeroAndRunsTheHooks() throws Exception {
        Result result = probe("--help");

        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("hook ran"), result.output());
    }

    @Test
    void aLingeringNonDaemonThreadDoesNotKeepTheJvmAlive() throws Exception {
        Result result = probe("linger", "--help");

        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("hook ran"), result.output());
    }

    @Test
    void aFailingCommandStillExitsWithItsStatus() throws Exception {
        Result result = probe("no-such-command");

        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().contains("hook ran"), result.output());
    }

    @Test
    void aNonDaemonThreadIsSeen() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread lingering = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lingering.start();
        try {
            assertFalse(Main.noOtherThreadKeepsTheJvmAlive());
        } finally {
            release.countDown();
            lingering.join();
        }
    }

    private record Result(int status, String output) {
    }

    private static Result probe(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not end: " + output);
        return new Result(process.exitValue(), output);
    }
}
