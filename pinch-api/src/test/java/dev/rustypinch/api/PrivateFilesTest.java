package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path root;

    @Test
    void everythingCreatedUnderAPermissiveUmaskIsPrivate() throws Exception {
        Path base = root.resolve("base");
        Process child = new ProcessBuilder("sh", "-c", "umask 000; exec \"$0\" -cp \"$1\" " + PrivateFilesProbe.class.getName() + " \"$2\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"), base.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);

        Map<String, String> modes = modesUnder(base);
        Map<String, String> expected = new TreeMap<>(Map.of(
                "", "rwx------",
                "a", "rwx------",
                "a/b", "rwx------",
                "a/channel", "rw-------",
                "c", "rwx------",
                "c/appended", "rw-------",
                "d", "rwx------",
                "d/atomic.json", "rw-------"));
        String temp = modes.keySet().stream().filter(name -> name.startsWith("a/temp.")).findFirst().orElseThrow();
        expected.put(temp, "rw-------");
        assertEquals(expected, modes);
    }

    @Test
    void existingFilesAndDirectoriesKeepTheirMode() throws Exception {
        Path directory = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));
        Path file = Files.writeString(directory.resolve("log"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        PrivateFiles.createDirectories(directory.resolve("inner"));
        try (OutputStream out = PrivateFiles.openForAppend(file)) {
            out.write("new\n".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("inner"))));
        assertEquals("old\nnew\n", Files.readString(file));
    }

    @Test
    void writeAtomicallyReplacesTheContentAndLeavesNoTemporaryFile() throws Exception {
        Path file = root.resolve("state/offset.json");
        PrivateFiles.writeAtomically(file, "one\n".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.writeAtomically(file, "two\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("two\n", Files.readString(file));
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void aFailedAtomicWriteKeepsTheOldContentAndRemovesItsTemporaryFile() throws Exception {
        Path directory = Files.createDirectory(root.resolve("state"));
        Path target = Files.createDirectory(directory.resolve("offset.json"));
        Files.writeString(target.resolve("occupied"), "x");
        assertThrows(IOException.class, () -> PrivateFiles.writeAtomically(target, new byte[] {1}));
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(target), entries.toList());
        }
        assertEquals("x", Files.readString(target.resolve("occupied")));
    }

    @Test
    void newFileChannelWithoutCreateNeedsAnExistingFile() {
        assertThrows(NoSuchFileException.class,
                () -> PrivateFiles.newFileChannel(root.resolve("missing"), StandardOpenOption.WRITE).close());
        assertFalse(Files.exists(root.resolve("missing")));
    }

    @Test
    void aFileSystemWithoutPosixPermissionsGetsItsDefaults() throws Exception {
        URI zip = URI.create("jar:" + root.resolve("state.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path file = fs.getPath("/plugins/demo/state.json");
            PrivateFiles.writeAtomically(file, "{}".getBytes(StandardCharsets.UTF_8));
            try (OutputStream out = PrivateFiles.openForAppend(fs.getPath("/plugins/demo/log"))) {
                out.write('x');
            }
            assertEquals("{}", Files.readString(file));
            assertEquals("x", Files.readString(fs.getPath("/plugins/demo/log")));
        }
    }

    private static Map<String, String> modesUnder(Path base) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.toList()) {
                modes.put(base.relativize(path).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        return modes;
    }
}
