package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFinderTest {
    @TempDir
    Path root;

    @Test
    void lowestMatchingPidWinsAndMonitorsAndSelfAreSkipped() throws Exception {
        ProcFsTest.process(root, 10, "java -Drusty-pinch.home=/x rusty-pinch monitor", 1, 1);
        ProcFsTest.process(root, 11, "java self rusty-pinch", 1, 1);
        ProcFsTest.process(root, 30, "java -Drusty-pinch.home=/x channels whatsapp", 1, 1);
        ProcFsTest.process(root, 20, "java -Drusty-pinch.home=/x channels telegram", 1, 1);
        ProcFsTest.process(root, 5, "bash", 1, 1);
        ProcessFinder finder = new ProcessFinder(new ProcFs(root), 11);
        assertEquals(20, finder.find("rusty-pinch").orElseThrow().pid());
        assertEquals(30, finder.find("whatsapp").orElseThrow().pid());
    }

    @Test
    void matchingIsCaseSensitiveAndNothingMeansEmpty() throws Exception {
        ProcFsTest.process(root, 20, "java Rusty-Pinch", 1, 1);
        assertTrue(new ProcessFinder(new ProcFs(root), 1).find("rusty-pinch").isEmpty());
    }

    @Test
    void aJavaProcessWinsOverALowerShellOrWrapperMentioningTheLauncher() throws Exception {
        ProcFsTest.process(root, 10, "/bin/sh /opt/rusty-pinch/bin/rusty-pinch channels telegram", 1, 1);
        ProcFsTest.process(root, 11, "timeout 60 /opt/rusty-pinch/bin/rusty-pinch channels telegram", 1, 1);
        ProcFsTest.process(root, 30, "/usr/lib/jvm/java-17/bin/java -Drusty-pinch.home=/opt/rusty-pinch channels telegram", 1, 1);
        ProcFsTest.process(root, 20, "java -Drusty-pinch.home=/opt/rusty-pinch channels whatsapp", 1, 1);
        ProcessFinder finder = new ProcessFinder(new ProcFs(root), 1);
        assertEquals(20, finder.find("rusty-pinch").orElseThrow().pid());
        assertEquals(30, finder.find("telegram").orElseThrow().pid());
    }

    @Test
    void withoutAJavaProcessTheLowestMatchingPidWins() throws Exception {
        ProcFsTest.process(root, 12, "timeout 60 rusty-pinch channels telegram", 1, 1);
        ProcFsTest.process(root, 11, "/bin/sh rusty-pinch channels telegram", 1, 1);
        ProcFsTest.process(root, 13, "javac rusty-pinch", 1, 1);
        assertEquals(11, new ProcessFinder(new ProcFs(root), 1).find("rusty-pinch").orElseThrow().pid());
    }

    @Test
    void aJavaMonitorIsStillSkipped() throws Exception {
        ProcFsTest.process(root, 10, "java -Drusty-pinch.home=/x rusty-pinch monitor", 1, 1);
        ProcFsTest.process(root, 20, "sh rusty-pinch channels telegram", 1, 1);
        assertEquals(20, new ProcessFinder(new ProcFs(root), 1).find("rusty-pinch").orElseThrow().pid());
    }
}
