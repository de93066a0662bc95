package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageProbeTest {
    @TempDir
    Path dir;

    @Test
    void sizesAreRecursiveAndSymlinksAreNotFollowed() throws Exception {
        Files.write(Files.createDirectories(dir.resolve("a/b")).resolve("f"), new byte[100]);
        Files.write(dir.resolve("g"), new byte[20]);
        Path outside = Files.createTempDirectory("outside");
        Files.write(outside.resolve("big"), new byte[5000]);
        Files.createSymbolicLink(dir.resolve("link"), outside);
        assertEquals(120, StorageProbe.directorySize(dir));
        assertEquals(0, StorageProbe.directorySize(dir.resolve("missing")));
    }

    @Test
    void fileSystemUsesTheNearestExistingParent() {
        StorageProbe.FileSystemUsage usage = StorageProbe.fileSystem(dir.resolve("not/yet/there")).orElseThrow();
        assertTrue(usage.total() > 0);
        assertTrue(usage.usePercent() >= 0 && usage.usePercent() <= 100);
    }
}
