package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.cli.Command;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.monitor.MonitorTicker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
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
 * One {@code monitor} tick (SPEC §14.1) watching this JVM by pid: process sampling on this machine's {@code /proc}, host metrics,
 * the telemetry read and the screen. {@code tickWithoutStorage} is a normal tick (storage refreshed every
 * {@code Long.MAX_VALUE} ticks, i.e. once); {@code tickWithStorage} refreshes the storage sizes every tick over a data
 * directory of {@code sessionFiles} session files. Goal from the issue: a tick ≤ 5 ms CPU with storage refresh off,
 * bounded with 10,000 session files.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class MonitorTickBenchmark {
    @Param("10000")
    public int sessionFiles;

    private ScratchDirectory scratch;
    private MonitorTicker everyTick;
    private MonitorTicker once;
    private long tick;

    @Setup(Level.Trial)
    public void start() throws IOException {
        scratch = ScratchDirectory.create("pinch-bench-monitor-");
        Path sessions = Files.createDirectories(scratch.path().resolve("data").resolve("sessions"));
        byte[] line = "{\"role\":\"user\",\"content\":\"hello\",\"timestamp\":\"2026-01-01T00:00:00+00:00\"}\n".getBytes(UTF_8);
        for (int i = 0; i < sessionFiles; i++) {
            Files.write(sessions.resolve("telegram_" + i + ".jsonl"), line);
        }
        Environment environment = Environment.of(Map.of(), Map.of(
                "RUSTY_PINCH_DATA_DIR", scratch.path().resolve("data").toString(),
                "RUSTY_PINCH_WORKSPACE", scratch.path().resolve("workspace").toString()));
        Application app = new Application(environment, Settings.from(environment, null), scratch.path(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(OutputStream.nullOutputStream(), false, UTF_8),
                new PrintStream(OutputStream.nullOutputStream(), false, UTF_8), Clock.systemUTC());
        int pid = (int) ProcessHandle.current().pid();
        everyTick = new MonitorTicker(app, new Command.Monitor(pid, "rusty-pinch", 1000, 1, false));
        once = new MonitorTicker(app, new Command.Monitor(pid, "rusty-pinch", 1000, Long.MAX_VALUE, false));
        once.screen(0);
    }

    @TearDown(Level.Trial)
    public void stop() {
        scratch.close();
    }

    @Benchmark
    public String tickWithoutStorage() {
        return once.screen(++tick);
    }

    @Benchmark
    public String tickWithStorage() {
        return everyTick.screen(++tick);
    }
}
