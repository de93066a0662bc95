package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.Tool;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.telemetry.TelemetryWriter;
import dev.rustypinch.runtime.turn.PromptBuilder;
import dev.rustypinch.runtime.turn.ProviderDirectory;
import dev.rustypinch.runtime.turn.RequestIds;
import dev.rustypinch.runtime.turn.RetryPolicy;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnRecorder;
import dev.rustypinch.runtime.turn.TurnResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A turn pipeline wired as the CLI wires it, with the {@code local} provider, the given tools, the given data
 * directory and event lines written to a null stream (the JSON is still encoded). Thread safe as the pipeline is;
 * callers keep one session's turns in order.
 */
final class BenchPipeline implements AutoCloseable {
    /** The provider the pipeline is configured with. */
    static final String PROVIDER = "local";
    /** The model the pipeline is configured with. */
    static final String MODEL = "bench-model";

    private final TelemetryErrorWatch events;
    private final TelemetryWriter writer;
    private final TurnPipeline pipeline;

    /** When a turn's telemetry update is written. */
    enum TelemetryTiming {
        /** Before the turn returns, as {@code run}, {@code repl} and {@code tools run} do. */
        BEFORE,
        /** Behind the turn by a {@link TelemetryWriter}, coalesced under load, as a channel worker does. */
        BEHIND;

        /** {@code before} or {@code behind}, as the benchmarks' {@code telemetry} parameter gives it. */
        static TelemetryTiming of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param dataDir where sessions and the telemetry file ({@code telemetry/latest.json}) go
     * @param tools   the tools {@code /tool} finds, by name
     * @param timing  when telemetry is written; {@link #close} writes what a writer still holds
     */
    BenchPipeline(Path dataDir, SortedMap<String, Tool> tools, TelemetryTiming timing) {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(tools, "tools is null");
        requireNonNull(timing, "timing is null");
        Clock clock = Clock.systemUTC();
        this.events = new TelemetryErrorWatch(new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, UTF_8)));
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry").resolve("latest.json"), events, clock);
        this.writer = timing == TelemetryTiming.BEHIND
                ? new TelemetryWriter(telemetry, () -> null, delta -> { }, Duration.ofSeconds(30))
                : null;
        TurnRecorder recorder = writer == null ? TurnRecorder.withoutBus(events, telemetry) : TurnRecorder.behind(events, writer);
        SortedMap<String, Tool> toolView = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
        this.pipeline = new TurnPipeline(new TurnPipeline.Config(PROVIDER, MODEL, false, false), new SessionStore(dataDir),
                recorder, new NoPluginProviders(), () -> toolView,
                new RetryPolicy(0, 1, 1, 0, millis -> { }), new PromptBuilder(), new RequestIds(clock), clock);
    }

    /**
     * Runs one turn and returns its result.
     *
     * @throws IllegalStateException the turn failed, so a benchmark never silently measures the error path
     */
    TurnResult run(String sessionId, String input) {
        TurnResult result = pipeline.run(sessionId, input);
        if (!result.ok()) {
            throw new IllegalStateException("turn failed: " + result.errorText());
        }
        return result;
    }

    /**
     * @throws IllegalStateException a telemetry update failed
     */
    void requireNoTelemetryErrors() {
        events.requireNoErrors();
    }

    /** Writes the telemetry a writer still holds and stops it (nothing to do when telemetry is written before). */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /** No provider plugins: only the built-in {@code local} provider is used. */
    private static final class NoPluginProviders implements ProviderDirectory {
        @Override
        public boolean serves(String name) {
            return false;
        }

        @Override
        public ChatProvider provider(String name) {
            throw new IllegalArgumentException("no provider plugin serves '" + name + "' in the benchmark");
        }

        @Override
        public boolean hasPluginProblems() {
            return false;
        }
    }
}
