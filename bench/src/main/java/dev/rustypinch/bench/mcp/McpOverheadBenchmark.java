package dev.rustypinch.bench.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.DiscoveredTools;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSource;
import dev.rustypinch.runtime.RuntimeVersion;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.PluginConfigView;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.plugin.PluginLoader;
import dev.rustypinch.runtime.plugin.PluginRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MCP figures for {@code bench/README.md} (issue 15): the per-call overhead of our side (the {@code pinch-tools-mcp}
 * plugin in its own class loader, tool lookup included, as {@code /tool} does it) over the raw SDK round trip
 * ({@code McpSyncClient} on the SDK's {@code StdioClientTransport}) to the same local stdio server, and the first
 * connect time. Not JMH: each side owns a server process, and the two are measured in alternating blocks so that a
 * busy machine hurts both alike.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.rustypinch.bench.mcp.McpOverheadBenchmark \
 *      [server command, default ~/.cache/rusty-pinch/mcp-npm/node_modules/.bin/mcp-server-everything]
 * </pre>
 */
public final class McpOverheadBenchmark {
    private static final int WARMUP = 1000;
    private static final int BLOCK = 500;
    private static final int BLOCKS = 6;
    private static final String ARGUMENTS = "{\"message\":\"hello\"}";

    private McpOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : Paths.get(System.getProperty("user.home"), ".cache", "rusty-pinch",
                "mcp-npm", "node_modules", ".bin", "mcp-server-everything").toString();
        if (!Files.isExecutable(Path.of(server))) {
            throw new IllegalStateException(server + " is missing: npm install --prefix ~/.cache/rusty-pinch/mcp-npm "
                    + "@modelcontextprotocol/server-everything@2026.8.31");
        }
        Path work = Files.createTempDirectory("pinch-bench-mcp");
        Path config = Files.writeString(work.resolve("mcp.json"), "{\"mcpServers\":{\"bench\":{\"command\":"
                + new ObjectMapper().writeValueAsString(server) + ",\"timeout_secs\":60}}}");
        Path pluginsDir = pluginsDir();
        try (PluginRegistry registry = PluginLoader.load(pluginsDir, Set.of())) {
            LoadedPlugin plugin = registry.loaded().stream().filter(p -> p.name().equals("pinch-tools-mcp")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("pinch-tools-mcp did not load from " + pluginsDir));
            PluginContext context = context(plugin, config, work);

            long coldStart = System.nanoTime();
            ToolSource ours = plugin.createToolSources(context).get(0);
            DiscoveredTools first = ours.tools();
            long cold = System.nanoTime() - coldStart;
            require(first);
            long warmStart = System.nanoTime();
            ToolSource second = plugin.createToolSources(context).get(0);
            require(second.tools());
            long warm = System.nanoTime() - warmStart;
            second.close();

            long rawStart = System.nanoTime();
            McpSyncClient raw = McpClient.sync(new StdioClientTransport(ServerParameters.builder(server).build(),
                    new JacksonMcpJsonMapper(new ObjectMapper()))).requestTimeout(Duration.ofSeconds(60)).build();
            raw.initialize();
            raw.listTools();
            long rawConnect = System.nanoTime() - rawStart;
            McpSchema.CallToolRequest rawCall = new McpSchema.CallToolRequest("echo", Map.of("message", "hello"));

            for (int i = 0; i < WARMUP; i++) {
                raw.callTool(rawCall);
                callOurs(ours);
            }
            long[] rawTimes = new long[BLOCK * BLOCKS];
            long[] ourTimes = new long[BLOCK * BLOCKS];
            for (int block = 0; block < BLOCKS; block++) {
                for (int i = 0; i < BLOCK; i++) {
                    long start = System.nanoTime();
                    raw.callTool(rawCall);
                    rawTimes[block * BLOCK + i] = System.nanoTime() - start;
                }
                for (int i = 0; i < BLOCK; i++) {
                    long start = System.nanoTime();
                    callOurs(ours);
                    ourTimes[block * BLOCK + i] = System.nanoTime() - start;
                }
            }
            raw.closeGracefully();
            ours.close();

            System.out.printf(Locale.ROOT, "first connect (fresh JVM, ours: SDK classes loaded in the plugin's loader): %.1f ms%n",
                    cold / 1e6);
            System.out.printf(Locale.ROOT, "second connect (same JVM, classes loaded; a new server process): %.1f ms%n",
                    warm / 1e6);
            System.out.printf(Locale.ROOT, "JVM-side share of the first connect (first - second): %.1f ms%n",
                    (cold - warm) / 1e6);
            System.out.printf(Locale.ROOT, "raw SDK connect (StdioClientTransport, after ours): %.1f ms%n", rawConnect / 1e6);
            report("raw SDK call", rawTimes);
            report("ours (lookup + tools/call)", ourTimes);
            Arrays.sort(rawTimes);
            Arrays.sort(ourTimes);
            System.out.printf(Locale.ROOT, "overhead p50: %.3f ms, p90: %.3f ms%n",
                    (percentile(ourTimes, 0.50) - percentile(rawTimes, 0.50)) / 1e6,
                    (percentile(ourTimes, 0.90) - percentile(rawTimes, 0.90)) / 1e6);
        }
    }

    private static void callOurs(ToolSource source) throws Exception {
        Tool tool = source.tools().tools().stream().filter(t -> t.name().equals("bench_echo")).findFirst().orElseThrow();
        tool.runJson(new JsonToolInvocation("bench_echo", ARGUMENTS, "rp-bench-1"), null);
    }

    private static void require(DiscoveredTools tools) {
        if (!tools.warnings().isEmpty() || tools.tools().stream().noneMatch(t -> t.name().equals("bench_echo"))) {
            throw new IllegalStateException("server not usable: " + tools.warnings());
        }
    }

    private static void report(String name, long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms%n", name, sorted.length,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.90) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static PluginContext context(LoadedPlugin plugin, Path config, Path work) {
        PluginConfig pluginConfig = new PluginConfigView(Environment.of(Map.of("RUSTY_PINCH_MCP_CONFIG",
                config.toString()), Map.of()), plugin.configKeys());
        EventSink events = (event, fields) -> { };
        return new PluginContext() {
            @Override
            public String pluginName() {
                return plugin.name();
            }

            @Override
            public PluginConfig config() {
                return pluginConfig;
            }

            @Override
            public EventSink events() {
                return events;
            }

            @Override
            public Path dataDirectory() {
                return work;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public String runtimeVersion() {
                return RuntimeVersion.get();
            }

            @Override
            public void warn(String message) {
                System.err.println("WARN " + message);
            }
        };
    }

    private static Path pluginsDir() {
        for (Path candidate : List.of(Paths.get("plugins", "pinch-tools-mcp", "target", "plugin-dir"),
                Paths.get("..", "plugins", "pinch-tools-mcp", "target", "plugin-dir"))) {
            if (Files.isDirectory(candidate.resolve("pinch-tools-mcp"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("build the plugin first: mvn -B -ntp -DskipTests package");
    }
}
