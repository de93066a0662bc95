package dev.rustypinch.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockStripesTest {
    @TempDir
    Path dir;

    private final List<Path> resolved = new ArrayList<>();

    private LockStripes stripes(int cacheLimit) {
        return new LockStripes(64, cacheLimit, path -> {
            resolved.add(path);
            return path.toRealPath();
        });
    }

    @Test
    void theRealPathOfAnExistingFileIsResolvedOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("demo.jsonl"), "");
        LockStripes stripes = stripes(16);
        stripes.stripeFor(file);
        stripes.stripeFor(file);
        stripes.stripeFor(file);
        assertEquals(List.of(file), resolved);
    }

    @Test
    void aMissingFileIsResolvedAgainUntilItExists() throws Exception {
        Path file = dir.resolve("later.jsonl");
        LockStripes stripes = stripes(16);
        stripes.stripeFor(file);
        stripes.stripeFor(file);
        Files.writeString(file, "");
        stripes.stripeFor(file);
        stripes.stripeFor(file);
        assertEquals(List.of(file, file, file), resolved);
    }

    @Test
    void twoSpellingsOfOneFileShareAStripe() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("demo.jsonl"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        LockStripes stripes = stripes(16);
        assertSame(stripes.stripeFor(file), stripes.stripeFor(link.resolve("demo.jsonl")));
        assertSame(stripes.stripeFor(file), stripes.stripeFor(dir.resolve("real/../real/demo.jsonl")));
    }

    @Test
    void aFullMemoryStartsOverAndKeepsGivingTheSameStripe() throws Exception {
        LockStripes stripes = stripes(2);
        Path a = Files.writeString(dir.resolve("a"), "");
        Path b = Files.writeString(dir.resolve("b"), "");
        Path c = Files.writeString(dir.resolve("c"), "");
        var first = stripes.stripeFor(a);
        stripes.stripeFor(b);
        stripes.stripeFor(c);
        assertSame(first, stripes.stripeFor(a));
        assertEquals(List.of(a, b, c, a), resolved);
    }

    @Test
    void aResolverFailureFallsBackToTheAbsolutePath() {
        LockStripes stripes = new LockStripes(64, 16, path -> {
            throw new NoSuchFileException(path.toString());
        });
        assertSame(stripes.stripeFor(dir.resolve("x/../y")), stripes.stripeFor(dir.resolve("y")));
    }
}
