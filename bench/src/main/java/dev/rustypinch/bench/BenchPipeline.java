package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.Tool;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
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
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A turn pipeline wired as the CLI wires it, with the {@code local} provider, the given tools, the given data
 * directory and event lines written to a null stream (the JSON is still encoded). Thread safe as the pipeline is;
 * callers keep one session's turns in order.
 */
final class BenchPipeline {
    /** The provider the pipeline is configured with. */
    static final String PROVIDER = "local";
    /** The model the pipeline is configured with. */
    static final String MODEL = "bench-model";

    private final TelemetryErrorWatch events;
    private final TurnPipeline pipeline;

    /**
     * @param dataDir where sessions and the telemetry file ({@code telemetry/latest.json}) go
     * @param tools   the tools {@code /tool} finds, by name
     */
    BenchPipeline(Path dataDir, SortedMap<String, Tool> tools) {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(tools, "tools is null");
        Clock clock = Clock.systemUTC();
        this.events = new TelemetryErrorWatch(new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, UTF_8)));
        TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry").resolve("latest.json"), events, clock);
        SortedMap<String, Tool> toolView = Collections.unmodifiableSortedMap(new TreeMap<>(tools));
        this.pipeline = new TurnPipeline(new TurnPipeline.Config(PROVIDER, MODEL, false, false), new SessionStore(dataDir),
                TurnRecorder.withoutBus(events, telemetry), new NoPluginProviders(), () -> toolView,
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
