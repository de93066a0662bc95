package dev.rustypinch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {
    @TempDir
    Path parent;

    @AfterEach
    void clearParentProperty() {
        System.clearProperty(ScratchDirectory.PARENT_PROPERTY);
    }

    @Test
    void closeDeletesTheWholeTree() throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create("scratch-test-");
        Path nested = Files.createDirectories(scratch.path().resolve("data").resolve("sessions"));
        Files.writeString(nested.resolve("s.jsonl"), "{}\n");
        scratch.close();
        assertFalse(Files.exists(scratch.path()));
    }

    @Test
    void closeTwiceIsHarmless() {
        ScratchDirectory scratch = ScratchDirectory.create("scratch-test-");
        scratch.close();
        scratch.close();
        assertFalse(Files.exists(scratch.path()));
    }

    @Test
    void parentPropertyChoosesWhereTheDirectoryIsCreated() {
        System.setProperty(ScratchDirectory.PARENT_PROPERTY, parent.resolve("bench").toString());
        ScratchDirectory scratch = ScratchDirectory.create("scratch-test-");
        try {
            assertEquals(parent.resolve("bench"), scratch.path().getParent());
            assertTrue(Files.isDirectory(scratch.path()));
        } finally {
            scratch.close();
        }
    }
}
