package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.telemetry.CorruptTelemetryException;
import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The telemetry file (SPEC §10.2): one {@code record} is a locked read-merge-write (lock {@code <file>.lock}, read,
 * decode, count, encode, write a temporary file, rename over the file, unlock); {@code read} is what {@code stats}
 * does. A baseline writes the same bytes to a temporary file and renames it over a file, without lock or JSON, to
 * show what the file system alone costs (ext4 flushes the data of a file renamed over another one, see
 * {@code auto_da_alloc}). A failed update aborts the run instead of being measured.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class TelemetryRecordBenchmark {
    private ScratchDirectory scratch;
    private TelemetryErrorWatch events;
    private TelemetryStore store;
    private TurnRecord turn;
    private byte[] fileBytes;
    private Path rawFile;
    private Path rawTemp;

    @Setup(Level.Trial)
    public void start() throws IOException {
        scratch = ScratchDirectory.create("pinch-bench-telemetry-");
        Clock clock = Clock.systemUTC();
        events = new TelemetryErrorWatch(new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, UTF_8)));
        store = new TelemetryStore(scratch.path().resolve("data").resolve("telemetry").resolve("latest.json"), events, clock);
        turn = new TurnRecord(Timestamps.format(clock.instant()), "rp-19c7a88327b-1", "bench", "tool", "ok",
                BenchPipeline.PROVIDER, BenchPipeline.MODEL, ConstantTool.NAME, null, null, 14, 19, null);
        store.record(turn, null);
        events.requireNoErrors();
        fileBytes = Files.readAllBytes(store.file());
        rawFile = scratch.path().resolve("raw.json");
        rawTemp = scratch.path().resolve("raw.json.tmp");
        Files.write(rawFile, fileBytes);
    }

    @TearDown(Level.Iteration)
    public void check() {
        events.requireNoErrors();
    }

    @TearDown(Level.Trial)
    public void stop() {
        scratch.close();
    }

    /** One locked read-merge-write counting a tool turn. */
    @Benchmark
    public void record() {
        store.record(turn, null);
    }

    /** Baseline: the same bytes written to a temporary file and renamed over the file; no lock, no JSON. */
    @Benchmark
    public Path rawWriteAndRename() throws IOException {
        Files.write(rawTemp, fileBytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return Files.move(rawTemp, rawFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The unlocked read {@code stats} does. */
    @Benchmark
    public TelemetrySnapshot read() throws CorruptTelemetryException {
        return store.read();
    }
}
