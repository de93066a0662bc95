package dev.rustypinch.bench.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.config.SettingsException;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.turn.PromptBuilder;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
 * What the runtime and the provider plugin add over the bare HTTP round trip to a zero-delay local fake
 * (goal: p50 overhead ≤ 1 ms; measured, never asserted). All four benchmarks send the same request
 * (system prompt, a 20-message history, the input) to the same {@link LoopbackChatServer}:
 *
 * <ul>
 *   <li>{@code rawOkHttp}: one OkHttp POST of the exact body bytes the plugin sends, reply read — the baseline;</li>
 *   <li>{@code pluginCall}: {@link ChatProvider#complete} of the real {@code pinch-provider-openai}, loaded from
 *       its plugin directory through the runtime's plugin loader (JSON encode, HTTP, decode, classification);</li>
 *   <li>{@code providerTurn}: a whole {@link TurnPipeline#run} turn with that plugin — history load, prompt,
 *       retry policy, the call, the fsynced session append, the locked telemetry update, the event line;</li>
 *   <li>{@code localTurn}: the same turn with the in-process {@code local} provider — the runtime's own cost
 *       with no HTTP at all.</li>
 * </ul>
 *
 * Before every turn the session file is reset to the same 20 stored messages (outside the measured time).
 * System properties: {@code rusty.bench.pluginsDir} (default
 * {@code ../plugins/pinch-provider-openai/target/plugin-dir}), {@code rusty.bench.dataDir} (default a
 * temporary directory; the disk decides the fsync cost).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProviderOverheadBenchmark {
    static final String SESSION = "bench";
    static final String INPUT = "How do I keep a Raspberry Pi cool under load?";
    private static final String MODEL = "bench-model";
    private static final String KEY = "sk-bench-not-a-secret";
    private static final MediaType JSON = MediaType.get("application/json");

    /** The fake server, both runtimes, the plugin's client and the raw client. */
    @State(Scope.Benchmark)
    public static class Fixture {
        LoopbackChatServer server;
        Path dataRoot;
        boolean ownDataRoot;
        Application providerApp;
        Application localApp;
        TurnPipeline providerPipeline;
        TurnPipeline localPipeline;
        ChatProvider provider;
        ChatRequest request;
        OkHttpClient raw;
        Request rawRequest;
        byte[] history;
        List<Path> sessionFiles;

        @Setup(Level.Trial)
        public void start() throws IOException, SettingsException, ProviderException {
            server = new LoopbackChatServer();
            String configuredData = System.getProperty("rusty.bench.dataDir", "");
            ownDataRoot = configuredData.isBlank();
            dataRoot = ownDataRoot ? Files.createTempDirectory("rusty-pinch-provider-bench")
                    : Files.createDirectories(Path.of(configuredData).toAbsolutePath());
            Path pluginsDir = Path.of(System.getProperty("rusty.bench.pluginsDir",
                    "../plugins/pinch-provider-openai/target/plugin-dir")).toAbsolutePath().normalize();
            if (!Files.isDirectory(pluginsDir.resolve("pinch-provider-openai"))) {
                throw new IllegalStateException("no pinch-provider-openai plugin under " + pluginsDir
                        + " (build it: mvn -B -ntp -pl plugins/pinch-provider-openai -am package -DskipTests)");
            }
            List<SessionLine> stored = storedHistory();
            history = jsonl(stored);

            providerApp = application("openai", pluginsDir, dataRoot.resolve("provider"));
            localApp = application("local", pluginsDir, dataRoot.resolve("local"));
            providerPipeline = providerApp.pipeline();
            localPipeline = localApp.pipeline();
            sessionFiles = List.of(providerApp.sessions().fileFor(SESSION), localApp.sessions().fileFor(SESSION));
            resetSessions();
            requireOk(providerPipeline.run(SESSION, INPUT));
            requireOk(localPipeline.run(SESSION, INPUT));

            LoadedPlugin plugin = providerApp.plugins().providerPlugin("openai")
                    .orElseThrow(() -> new IllegalStateException("pinch-provider-openai did not load from " + pluginsDir));
            provider = plugin.createProvider("openai", providerApp.settings().providerSettings("rusty-pinch/1.0.0"),
                    providerApp.pluginContext(plugin));
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(new ChatMessage("system", new PromptBuilder().systemMessage("openai", MODEL, SESSION, INPUT)));
            stored.forEach(line -> messages.add(new ChatMessage(line.role(), line.content())));
            messages.add(new ChatMessage("user", INPUT));
            request = new ChatRequest(MODEL, messages, 0.2);
            provider.complete(request);
            byte[] body = server.lastBody();

            raw = new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
            rawRequest = new Request.Builder().url(server.base() + "/chat/completions")
                    .header("Accept", "application/json")
                    .header("User-Agent", "rusty-pinch/1.0.0")
                    .header("Authorization", "Bearer " + KEY)
                    .post(RequestBody.create(body, JSON))
                    .build();
        }

        void resetSessions() {
            try {
                for (Path file : sessionFiles) {
                    Files.createDirectories(file.getParent());
                    Files.write(file, history);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            provider.close();
            providerApp.close();
            localApp.close();
            raw.dispatcher().executorService().shutdownNow();
            raw.connectionPool().evictAll();
            server.close();
            if (ownDataRoot) {
                try (Stream<Path> files = Files.walk(dataRoot)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        private Application application(String providerName, Path pluginsDir, Path dataDir)
                throws IOException, SettingsException {
            Files.createDirectories(dataDir);
            Map<String, String> env = new HashMap<>();
            env.put("RUSTY_PINCH_PROVIDER", providerName);
            env.put("RUSTY_PINCH_MODEL", MODEL);
            env.put("RUSTY_PINCH_API_BASE", server.base());
            env.put("RUSTY_PINCH_API_KEY", KEY);
            env.put("RUSTY_PINCH_PLUGINS_DIR", pluginsDir.toString());
            env.put("RUSTY_PINCH_DATA_DIR", dataDir.toString());
            Environment environment = Environment.of(env, Map.of());
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
            return new Application(environment, Settings.from(environment, null), dataDir, new ByteArrayInputStream(new byte[0]),
                    discard, discard, Clock.systemUTC());
        }
    }

    /** Puts the 20 stored messages back before every turn, so each turn does the same work. */
    @State(Scope.Thread)
    public static class FreshSession {
        @Setup(Level.Invocation)
        public void reset(Fixture fixture) {
            fixture.resetSessions();
        }
    }

    @Benchmark
    public byte[] rawOkHttp(Fixture fixture) throws IOException {
        try (Response response = fixture.raw.newCall(fixture.rawRequest).execute()) {
            return response.body().bytes();
        }
    }

    @Benchmark
    public ChatResponse pluginCall(Fixture fixture) throws ProviderException {
        return fixture.provider.complete(fixture.request);
    }

    @Benchmark
    public TurnResult providerTurn(Fixture fixture, FreshSession session) {
        return fixture.providerPipeline.run(SESSION, INPUT);
    }

    @Benchmark
    public TurnResult localTurn(Fixture fixture, FreshSession session) {
        return fixture.localPipeline.run(SESSION, INPUT);
    }

    private record SessionLine(String role, String content) {
    }

    private static List<SessionLine> storedHistory() {
        List<SessionLine> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add(new SessionLine("user", "Question " + i + ": what about the fan curve and the thermal paste?"));
            lines.add(new SessionLine("assistant", "Answer " + i + ": keep it under 70 °C; a small heatsink and a 5 V fan "
                    + "on the GPIO header are enough for sustained load.\nCheck with vcgencmd measure_temp."));
        }
        return lines;
    }

    private static byte[] jsonl(List<SessionLine> lines) {
        StringBuilder text = new StringBuilder();
        for (SessionLine line : lines) {
            text.append("{\"role\":\"").append(line.role()).append("\",\"content\":\"")
                    .append(line.content().replace("\n", "\\n")).append("\",\"timestamp\":\"2026-02-20T10:11:12.120+00:00\"}\n");
        }
        return text.toString().getBytes(UTF_8);
    }

    private static void requireOk(TurnResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("benchmark turn failed: " + result.errorText());
        }
    }
}
