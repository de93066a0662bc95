package dev.rustypinch.plugin.channelweb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes turns of one session slow for real: a separate JVM holds the OS lock of the session file (SPEC §6.2), so the
 * worker's turn waits on it exactly as it would behind another process writing the session. {@link #release()} lets it go.
 */
final class SessionLockHolder implements AutoCloseable {
    private final Process process;

    private SessionLockHolder(Process process) {
        this.process = process;
    }

    static SessionLockHolder lock(Path sessionFile) throws IOException {
        Files.createDirectories(sessionFile.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", Path.of("target/test-classes").toString(),
                SessionLockHolder.class.getName(), sessionFile.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IOException("the lock holder did not take the lock: " + line);
        }
        return new SessionLockHolder(process);
    }

    void release() throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws Exception {
        release();
    }

    /** Child: lock the file, say {@code locked}, hold it until stdin closes. */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
