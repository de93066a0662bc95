package dev.rustypinch.api;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run by {@link PrivateFilesTest} in a child JVM under a permissive umask: creates one of each kind under args[0]. */
public final class PrivateFilesProbe {
    private PrivateFilesProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        PrivateFiles.createDirectories(root.resolve("a/b"));
        try (FileChannel channel = PrivateFiles.newFileChannel(root.resolve("a/channel"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
        try (OutputStream out = PrivateFiles.openForAppend(root.resolve("c/appended"))) {
            out.write("line\n".getBytes(StandardCharsets.UTF_8));
        }
        PrivateFiles.writeAtomically(root.resolve("d/atomic.json"), "{}\n".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.createTempFile(root.resolve("a"), "temp.", ".tmp");
    }
}
