package dev.rustypinch.bench.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolInvocation;
import dev.rustypinch.api.ToolSpec;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.config.SettingsException;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import dev.rustypinch.runtime.turn.AgentLoop;
import dev.rustypinch.runtime.turn.AgentThreads;
import dev.rustypinch.runtime.turn.PromptBuilder;
import dev.rustypinch.runtime.turn.ProviderDirectory;
import dev.rustypinch.runtime.turn.RequestIds;
import dev.rustypinch.runtime.turn.RetryPolicy;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnRecorder;
import dev.rustypinch.runtime.turn.TurnResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The runtime's own overhead per agent-mode tool round (SPEC §18; goal p50 ≤ 1 ms, p99 ≤ 5 ms; measured, never
 * asserted), against a zero-delay model and a no-op tool:
 *
 * <ul>
 *   <li>{@code httpPlainTurn}: a whole turn, agent mode off, through the real {@code pinch-provider-openai} plugin
 *       and the loopback {@link ToolCallingChatServer};</li>
 *   <li>{@code httpAgentTurn}: the same turn with agent mode on: the model calls {@code noop} once, then answers —
 *       two HTTP calls and one tool round;</li>
 *   <li>{@code httpFollowUpCall}: only the plugin call of the second round (with the tool messages and the tools), so
 *       {@code httpAgentTurn − httpPlainTurn − httpFollowUpCall} is what the loop itself adds;</li>
 *   <li>{@code inProcessPlainTurn} / {@code inProcessAgentTurn}: the same two turns against an in-process zero-delay
 *       model (no HTTP): their difference is the runtime's per-round work alone — offering the tools, scheduling the
 *       call on an agent thread, running it, building the messages, the {@code tool_call} event.</li>
 * </ul>
 *
 * Every turn starts from an empty session in a fresh session id (outside the measured time nothing is reset; a
 * session gets two lines). System properties as {@link ProviderOverheadBenchmark}: {@code rusty.bench.pluginsDir},
 * {@code rusty.bench.dataDir} (use {@code /dev/shm/...} to keep the disk's telemetry rename out of the figures).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgentRoundBenchmark {
    private static final String MODEL = "bench-model";
    private static final String KEY = "sk-bench-not-a-secret";
    private static final String INPUT = "What time is it?";
    private static final String NO_PARAMETERS = "{\"properties\":{},\"type\":\"object\"}";

    /** The fake model, the plugin's client and the four pipelines. */
    @State(Scope.Benchmark)
    public static class Fixture {
        ToolCallingChatServer server;
        Path dataRoot;
        boolean ownDataRoot;
        Application app;
        ChatProvider provider;
        AgentThreads threads;
        TurnPipeline httpPlain;
        TurnPipeline httpAgent;
        TurnPipeline inProcessPlain;
        TurnPipeline inProcessAgent;
        ChatRequest followUp;
        long sessions;

        @Setup(Level.Trial)
        public void start() throws IOException, SettingsException, ProviderException {
            server = new ToolCallingChatServer();
            String configuredData = System.getProperty("rusty.bench.dataDir", "");
            ownDataRoot = configuredData.isBlank();
            dataRoot = ownDataRoot ? Files.createTempDirectory("rusty-pinch-agent-bench")
                    : Files.createDirectories(Path.of(configuredData).toAbsolutePath().resolve("agent-bench"));
            Path pluginsDir = Path.of(System.getProperty("rusty.bench.pluginsDir",
                    "../plugins/pinch-provider-openai/target/plugin-dir")).toAbsolutePath().normalize();
            if (!Files.isDirectory(pluginsDir.resolve("pinch-provider-openai"))) {
                throw new IllegalStateException("no pinch-provider-openai plugin under " + pluginsDir
                        + " (build it: mvn -B -ntp -pl plugins/pinch-provider-openai -am package -DskipTests)");
            }
            app = application(pluginsDir, dataRoot.resolve("app"));
            LoadedPlugin plugin = app.plugins().providerPlugin("openai")
                    .orElseThrow(() -> new IllegalStateException("pinch-provider-openai did not load from " + pluginsDir));
            provider = plugin.createProvider("openai", app.settings().providerSettings("rusty-pinch/1.0.0"),
                    app.pluginContext(plugin));
            threads = new AgentThreads();
            AgentSettings agent = new AgentSettings(List.of("noop"), 6, Optional.empty(), 30, 300);
            ChatProvider inProcess = new InProcessModel();
            httpPlain = pipeline(dataRoot.resolve("http-plain"), provider, Optional.empty());
            httpAgent = pipeline(dataRoot.resolve("http-agent"), provider, Optional.of(agent));
            inProcessPlain = pipeline(dataRoot.resolve("in-process-plain"), inProcess, Optional.empty());
            inProcessAgent = pipeline(dataRoot.resolve("in-process-agent"), inProcess, Optional.of(agent));
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(new ChatMessage("system", new PromptBuilder().systemMessage("openai", MODEL, "s", INPUT)));
            messages.add(new ChatMessage("user", INPUT));
            messages.add(ChatMessage.assistantToolCalls(null, List.of(new ChatToolCall("call_1", "noop", "{}"))));
            messages.add(ChatMessage.toolResult("call_1", "ok"));
            followUp = new ChatRequest(MODEL, messages, 0.2, List.of(new ToolSpec("noop", "Do nothing.", NO_PARAMETERS)),
                    Optional.empty());
            for (TurnPipeline pipeline : List.of(httpPlain, httpAgent, inProcessPlain, inProcessAgent)) {
                requireOk(pipeline.run("warm-up", INPUT));
            }
            provider.complete(followUp);
        }

        private TurnPipeline pipeline(Path dataDir, ChatProvider model, Optional<AgentSettings> agent) {
            Clock clock = Clock.systemUTC();
            EventWriter events = new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, UTF_8));
            TelemetryStore telemetry = new TelemetryStore(dataDir.resolve("telemetry/latest.json"), events, clock);
            RetryPolicy retryPolicy = new RetryPolicy(0, 1, 1, 60, millis -> { });
            SortedMap<String, Tool> tools = new TreeMap<>(Map.of("noop", new NoopTool()));
            return new TurnPipeline(new TurnPipeline.Config("openai", MODEL, true, true), new SessionStore(dataDir),
                    TurnRecorder.withoutBus(events, telemetry), new OneProvider(model), () -> tools, retryPolicy,
                    new PromptBuilder(), new RequestIds(clock), clock,
                    agent.map(settings -> new AgentLoop(settings, threads, retryPolicy, events)));
        }

        String nextSession() {
            synchronized (this) {
                return "bench-" + (++sessions);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            provider.close();
            threads.close();
            app.close();
            server.close();
            if (ownDataRoot) {
                try (Stream<Path> files = Files.walk(dataRoot)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        private Application application(Path pluginsDir, Path dataDir) throws IOException, SettingsException {
            Files.createDirectories(dataDir);
            Environment environment = Environment.of(Map.of("RUSTY_PINCH_PROVIDER", "openai", "RUSTY_PINCH_MODEL", MODEL,
                    "RUSTY_PINCH_API_BASE", server.base(), "RUSTY_PINCH_API_KEY", KEY,
                    "RUSTY_PINCH_PLUGINS_DIR", pluginsDir.toString(), "RUSTY_PINCH_DATA_DIR", dataDir.toString()), Map.of());
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
            return new Application(environment, Settings.from(environment, null), dataDir,
                    new ByteArrayInputStream(new byte[0]), discard, discard, Clock.systemUTC());
        }
    }

    @Benchmark
    public TurnResult httpPlainTurn(Fixture fixture) {
        return requireOk(fixture.httpPlain.run(fixture.nextSession(), INPUT));
    }

    @Benchmark
    public TurnResult httpAgentTurn(Fixture fixture) {
        return requireOk(fixture.httpAgent.run(fixture.nextSession(), INPUT));
    }

    @Benchmark
    public ChatResponse httpFollowUpCall(Fixture fixture) throws ProviderException {
        return fixture.provider.complete(fixture.followUp);
    }

    @Benchmark
    public TurnResult inProcessPlainTurn(Fixture fixture) {
        return requireOk(fixture.inProcessPlain.run(fixture.nextSession(), INPUT));
    }

    @Benchmark
    public TurnResult inProcessAgentTurn(Fixture fixture) {
        return requireOk(fixture.inProcessAgent.run(fixture.nextSession(), INPUT));
    }

    private static TurnResult requireOk(TurnResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("benchmark turn failed: " + result.errorText());
        }
        return result;
    }

    /** A tool without parameters that does nothing. */
    private static final class NoopTool implements Tool {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public String description() {
            return "Do nothing.";
        }

        @Override
        public String usage() {
            return "/tool noop";
        }

        @Override
        public Optional<String> parametersSchema() {
            return Optional.of(NO_PARAMETERS);
        }

        @Override
        public String runJson(JsonToolInvocation invocation, ToolContext context) {
            return "ok";
        }

        @Override
        public String run(ToolInvocation invocation, ToolContext context) {
            return "ok";
        }
    }

    /** A zero-delay model in-process: when offered tools it calls {@code noop} once, then answers. */
    private static final class InProcessModel implements ChatProvider {
        private static final ChatResponse CALL = new ChatResponse(null, List.of(new ChatToolCall("call_1", "noop", "{}")));
        private static final ChatResponse ANSWER = new ChatResponse("pong");

        @Override
        public ChatResponse complete(ChatRequest request) {
            boolean answered = request.messages().get(request.messages().size() - 1).role().equals("tool");
            return answered || request.tools().isEmpty() ? ANSWER : CALL;
        }

        @Override
        public boolean supportsTools() {
            return true;
        }
    }

    /** Serves every provider name with one client. */
    private record OneProvider(ChatProvider provider) implements ProviderDirectory {
        @Override
        public boolean serves(String name) {
            return true;
        }

        @Override
        public ChatProvider provider(String name) {
            return provider;
        }

        @Override
        public boolean hasPluginProblems() {
            return false;
        }
    }
}
