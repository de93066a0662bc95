package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    @TempDir
    Path root;
    private ProcFs proc;

    static void process(Path root, long pid, String cmdline, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
        Files.writeString(dir.resolve("stat"), pid + " (java (worker) x) S 1 2 3 4 5 6 7 8 9 10 " + utime + " " + stime + " 0 0 20 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tjava\nVmSize:\t  4096 kB\nVmRSS:\t  2048 kB\n");
        Files.writeString(dir.resolve("io"), "rchar: 1\nread_bytes: 4096\nwrite_bytes: 512\n");
        Files.createDirectories(dir.resolve("fd"));
        Files.writeString(dir.resolve("fd/0"), "");
        Files.writeString(dir.resolve("fd/1"), "");
    }

    @BeforeEach
    void setUp() throws IOException {
        proc = new ProcFs(root);
        Files.writeString(root.resolve("stat"), "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\ncpu1 50 0 25 400 25 0 0 0 0 0\nintr 1\n");
        Files.writeString(root.resolve("meminfo"), "MemTotal:  2048 kB\nMemFree: 100 kB\nMemAvailable: 1024 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
        Files.writeString(root.resolve("loadavg"), "0.50 0.25 0.10 1/100 42\n");
        process(root, 42, "java -Drusty-pinch.home=/opt/rusty-pinch channels telegram", 30, 12);
    }

    @Test
    void hostCpuSumsTheFirstLineAndCountsCores() {
        assertEquals(Optional.of(new ProcFs.HostCpu(1000, 2)), proc.hostCpu());
    }

    @Test
    void processCpuReadsFieldsAfterTheLastParenthesis() {
        assertEquals(OptionalLong.of(42), proc.processCpu(42));
    }

    @Test
    void statusKilobytesBecomeBytes() {
        assertEquals(OptionalLong.of(2_097_152), proc.statusBytes(42, "VmRSS"));
        assertEquals(OptionalLong.of(4_194_304), proc.statusBytes(42, "VmSize"));
    }

    @Test
    void ioFdAndCommandLine() {
        assertEquals(OptionalLong.of(4096), proc.ioBytes(42, "read_bytes"));
        assertEquals(OptionalLong.of(512), proc.ioBytes(42, "write_bytes"));
        assertEquals(OptionalLong.of(2), proc.fdCount(42));
        assertEquals(Optional.of("java -Drusty-pinch.home=/opt/rusty-pinch channels telegram"), proc.commandLine(42));
    }

    @Test
    void hostMemoryAndLoad() {
        assertEquals(Optional.of(new ProcFs.Memory(2_097_152, 1_048_576, 0, 0)), proc.memory());
        assertArrayEquals(new String[] {"0.50", "0.25", "0.10", "1/100", "42"}, proc.loadAverage().orElseThrow());
    }

    @Test
    void missingFilesAreEmptyNotErrors() {
        ProcFs none = new ProcFs(root.resolve("absent"));
        assertTrue(none.hostCpu().isEmpty());
        assertTrue(none.processCpu(1).isEmpty());
        assertTrue(none.memory().isEmpty());
        assertTrue(none.fdCount(1).isEmpty());
        assertEquals(List.of(), none.pids());
    }
}
