package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.session.SessionException;
import dev.rustypinch.runtime.session.SessionStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session store (SPEC §6): {@code appendTurn} (two lines under an exclusive file lock, forced to the device
 * before the lock is released) and {@code load} of a session of {@code loadLines} lines. Two raw appends of the same
 * bytes, with and without {@code force}, show what the lock, the JSON encoding and the fsync each cost.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class SessionAppendBenchmark {
    private static final String APPEND_SESSION = "bench-append";
    private static final String LOAD_SESSION = "bench-load";
    private static final String USER_TEXT = "hello, what is on my list today?";
    private static final String ASSISTANT_TEXT = "[Rusty Pinch:local:bench-model] Received 'hello, what is on my list "
            + "today?'. history=0 messages.";

    /** Lines in the session the load benchmark reads. */
    @Param("1000")
    public int loadLines;

    private ScratchDirectory scratch;
    private SessionStore store;
    private SessionEntry user;
    private SessionEntry assistant;
    private FileChannel raw;
    private byte[] rawTurn;

    @Setup(Level.Trial)
    public void start() throws IOException, SessionException {
        scratch = ScratchDirectory.create("pinch-bench-session-");
        Path dataDir = scratch.path().resolve("data");
        store = new SessionStore(dataDir);
        String timestamp = Timestamps.format(Instant.now());
        user = new SessionEntry("user", USER_TEXT, timestamp);
        assistant = new SessionEntry("assistant", ASSISTANT_TEXT, timestamp);
        writeLoadSession(timestamp);
        int loaded = store.load(LOAD_SESSION).size();
        if (loaded != loadLines) {
            throw new IllegalStateException("the load session holds " + loaded + " entries, expected " + loadLines);
        }
        store.appendTurn(APPEND_SESSION, user, assistant);
        rawTurn = Files.readAllBytes(store.fileFor(APPEND_SESSION));
        raw = FileChannel.open(scratch.path().resolve("raw.jsonl"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Writes the load session directly in the store's format: alternating user and assistant lines. */
    private void writeLoadSession(String timestamp) throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < loadLines; i++) {
            boolean fromUser = i % 2 == 0;
            content.append("{\"role\":\"").append(fromUser ? "user" : "assistant")
                    .append("\",\"content\":\"").append(fromUser ? USER_TEXT : ASSISTANT_TEXT).append(" #").append(i)
                    .append("\",\"timestamp\":\"").append(timestamp).append("\"}\n");
        }
        Path file = store.fileFor(LOAD_SESSION);
        Files.createDirectories(file.getParent());
        Files.write(file, content.toString().getBytes(UTF_8));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            raw.close();
        } finally {
            scratch.close();
        }
    }

    /** One turn's two lines: encode, lock, size check, write, force, unlock. */
    @Benchmark
    public void appendTurn() throws SessionException {
        store.appendTurn(APPEND_SESSION, user, assistant);
    }

    /** The whole session read under a shared lock and decoded. */
    @Benchmark
    public List<SessionEntry> load() throws SessionException {
        return store.load(LOAD_SESSION);
    }

    /** Baseline: the same bytes appended to an open file, no lock, no force. */
    @Benchmark
    public int rawAppendWithoutForce() throws IOException {
        return raw.write(ByteBuffer.wrap(rawTurn));
    }

    /** Baseline: the same bytes appended to an open file and forced, no lock. */
    @Benchmark
    public int rawAppendWithForce() throws IOException {
        int written = raw.write(ByteBuffer.wrap(rawTurn));
        raw.force(false);
        return written;
    }
}
