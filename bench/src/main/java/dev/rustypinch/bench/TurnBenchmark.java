package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.Tool;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.turn.TurnResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * One whole in-process turn (SPEC §7.1) through {@code TurnPipeline.run}: request id, tool or local provider,
 * session append, the {@code turn} event (encoded, written to a null stream) and the locked telemetry
 * read-merge-write — by default written behind the turn as in a channel worker ({@code -p telemetry=before}: before
 * the turn returns, as {@code run} does). Goals (worker mode): tool path p50 ≤ 0.3 ms, p99 ≤ 2 ms.
 *
 * <p>Each benchmark thread talks in its own sessions and moves to a new session every {@code turnsPerSession}
 * turns, so the history a turn loads stays the size of a short conversation. A failed turn or telemetry update
 * aborts the run instead of being measured.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class TurnBenchmark {
    /** What the provider-path benchmark sends. */
    static final String PROVIDER_INPUT = "hello, what is on my list today?";

    /** A pipeline with the in-benchmark {@link ConstantTool} and the {@code local} provider. */
    @State(Scope.Benchmark)
    public static class InProcess {
        /** {@code behind}: telemetry written behind the turn, as a channel worker does; {@code before}: as {@code run} does. */
        @Param("behind")
        public String telemetry;

        private ScratchDirectory scratch;
        private BenchPipeline pipeline;

        @Setup(Level.Trial)
        public void start() {
            scratch = ScratchDirectory.create("pinch-bench-turn-");
            SortedMap<String, Tool> tools = new TreeMap<>();
            tools.put(ConstantTool.NAME, new ConstantTool());
            pipeline = new BenchPipeline(scratch.path().resolve("data"), tools, BenchPipeline.TelemetryTiming.of(telemetry));
        }

        @TearDown(Level.Iteration)
        public void check() {
            pipeline.requireNoTelemetryErrors();
        }

        @TearDown(Level.Trial)
        public void stop() {
            try {
                pipeline.close();
                pipeline.requireNoTelemetryErrors();
            } finally {
                scratch.close();
            }
        }
    }

    /** A pipeline with the tools of the real {@code pinch-tools-builtin} plugin, in its own class loader. */
    @State(Scope.Benchmark)
    public static class WithBuiltinTools {
        /** As {@link InProcess#telemetry}. */
        @Param("behind")
        public String telemetry;

        private ScratchDirectory scratch;
        private BuiltinToolsPlugin plugin;
        private BenchPipeline pipeline;

        @Setup(Level.Trial)
        public void start() {
            scratch = ScratchDirectory.create("pinch-bench-builtin-");
            Path dataDir = scratch.path().resolve("data");
            try {
                plugin = BuiltinToolsPlugin.load(dataDir,
                        new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, UTF_8)));
            } catch (RuntimeException e) {
                scratch.close();
                throw e;
            }
            pipeline = new BenchPipeline(dataDir, plugin.tools(), BenchPipeline.TelemetryTiming.of(telemetry));
        }

        @TearDown(Level.Iteration)
        public void check() {
            pipeline.requireNoTelemetryErrors();
        }

        @TearDown(Level.Trial)
        public void stop() {
            try {
                pipeline.close();
                plugin.close();
            } finally {
                scratch.close();
            }
        }
    }

    /** One benchmark thread's conversations: a new session id every {@code turnsPerSession} turns. */
    @State(Scope.Thread)
    public static class Conversation {
        private static final AtomicInteger THREADS = new AtomicInteger();

        /** Turns (two stored lines each) before the thread moves to a new session. */
        @Param("20")
        public int turnsPerSession;

        private String prefix;
        private long turns;

        @Setup(Level.Trial)
        public void start() {
            if (turnsPerSession < 1) {
                throw new IllegalArgumentException("turnsPerSession must be > 0, got " + turnsPerSession);
            }
            prefix = "bench-" + THREADS.incrementAndGet() + "-";
        }

        String nextSessionId() {
            return prefix + (turns++ / turnsPerSession);
        }
    }

    /** {@code /tool constant}: guardrails, a trivial tool, append, event, telemetry. */
    @Benchmark
    public TurnResult toolPathConstant(InProcess runtime, Conversation conversation) {
        return runtime.pipeline.run(conversation.nextSessionId(), "/tool " + ConstantTool.NAME);
    }

    /** The {@code local} provider: history load, prompt, reply, append, event, telemetry. */
    @Benchmark
    public TurnResult localProviderPath(InProcess runtime, Conversation conversation) {
        return runtime.pipeline.run(conversation.nextSessionId(), PROVIDER_INPUT);
    }

    /** {@code /tool model_info} from the real plugin (class-loader swap around the call). */
    @Benchmark
    public TurnResult toolPathBuiltinModelInfo(WithBuiltinTools runtime, Conversation conversation) {
        return runtime.pipeline.run(conversation.nextSessionId(), "/tool model_info");
    }

    /**
     * {@code /tool time_now} from the real plugin. ({@code session_tail} is left out on purpose: called again and
     * again in one session it stores its own escaped output, which grows about threefold per call.)
     */
    @Benchmark
    public TurnResult toolPathBuiltinTimeNow(WithBuiltinTools runtime, Conversation conversation) {
        return runtime.pipeline.run(conversation.nextSessionId(), "/tool time_now");
    }
}
