package dev.rustypinch.plugin.toolsmcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A real MCP server built with the SDK's server API, run by the tests as a separate JVM:
 * {@code TestMcpServer stdio|http|sse [--ignore-term] [--grandchild]}. HTTP modes bind 127.0.0.1 on a free port and
 * print {@code PORT <n>} on stdout. With {@code MCP_TEST_LOG} set (stdio), every line received is appended there.
 *
 * <p>Tools: {@code add} (a*, b*), {@code echo} (message*), {@code fail} (isError), {@code hang} (never answers),
 * {@code env} (its environment), {@code mixed} (text, image, embedded resource), {@code structured} (only
 * structuredContent), {@code pid}, {@code stderr} (a 300-character stderr line), {@code grow} (adds tool {@code extra}
 * and announces the list change).
 */
public final class TestMcpServer {
    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

    private TestMcpServer() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--ignore-term")) {
            Signal.handle(new Signal("TERM"), SignalHandler.SIG_IGN);
        }
        if (options.contains("--grandchild")) {
            new ProcessBuilder("sleep", "300").redirectErrorStream(true).start();
        }
        switch (args[0]) {
            case "stdio" -> stdio(options.contains("--ignore-term"));
            case "http" -> http(false);
            case "sse" -> http(true);
            default -> throw new IllegalArgumentException("mode: stdio, http or sse");
        }
    }

    private static void stdio(boolean keepRunning) throws Exception {
        InputStream in = System.in;
        String log = System.getenv("MCP_TEST_LOG");
        if (log != null) {
            in = new LoggingInput(in, Path.of(log));
        }
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(MAPPER, watched, System.out);
        build(McpServer.sync(transport));
        ended.await();
        if (keepRunning) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.exit(0);
    }

    private static void http(boolean legacySse) throws Exception {
        HttpServlet servlet;
        if (legacySse) {
            HttpServletSseServerTransportProvider provider = HttpServletSseServerTransportProvider.builder()
                    .jsonMapper(MAPPER).sseEndpoint("/sse").messageEndpoint("/message").build();
            build(McpServer.sync(provider));
            servlet = provider;
        } else {
            HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider
                    .builder().jsonMapper(MAPPER).mcpEndpoint("/mcp").build();
            build(McpServer.sync(provider));
            servlet = provider;
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        server.setHandler(context);
        server.start();
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static McpSyncServer build(McpServer.SyncSpecification<?> spec) {
        AtomicReference<McpSyncServer> self = new AtomicReference<>();
        spec.serverInfo("rusty-pinch-test-server", "1.0.0")
                .jsonMapper(MAPPER)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(
                        tool("add", "Add two integers.", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},"
                                + "\"b\":{\"type\":\"integer\"}},\"required\":[\"a\",\"b\"]}", (exchange, request) ->
                                text(String.valueOf(number(request, "a") + number(request, "b")))),
                        tool("echo", "Echo a message.", "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"},"
                                + "\"repeat\":{\"type\":\"integer\"}},\"required\":[\"message\"]}", (exchange, request) ->
                                text(String.valueOf(request.arguments().get("message")))),
                        tool("fail", null, "{\"type\":\"object\"}", (exchange, request) ->
                                McpSchema.CallToolResult.builder().addTextContent("it failed on purpose").isError(true)
                                        .build()),
                        tool("hang", "Never answers.", "{\"type\":\"object\"}", (exchange, request) -> {
                            sleep(120_000);
                            return text("woke up");
                        }),
                        tool("env", "Print the environment.", "{\"type\":\"object\"}", (exchange, request) -> {
                            StringBuilder lines = new StringBuilder();
                            new TreeMap<>(System.getenv()).forEach((k, v) -> lines.append(k).append('=').append(v)
                                    .append('\n'));
                            return text(lines.toString().strip());
                        }),
                        tool("mixed", "Mixed content.", "{\"type\":\"object\"}", (exchange, request) ->
                                McpSchema.CallToolResult.builder()
                                        .addTextContent("first")
                                        .addContent(new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png"))
                                        .addContent(new McpSchema.EmbeddedResource(null,
                                                new McpSchema.TextResourceContents("file:///r.txt", "text/plain",
                                                        "resource text")))
                                        .build()),
                        tool("structured", "Structured only.", "{\"type\":\"object\"}", (exchange, request) ->
                                McpSchema.CallToolResult.builder().content(List.of())
                                        .structuredContent(Map.of("answer", 42)).build()),
                        tool("pid", "Its process id.", "{\"type\":\"object\"}", (exchange, request) ->
                                text(String.valueOf(ProcessHandle.current().pid()))),
                        tool("stderr", "Writes a long stderr line.", "{\"type\":\"object\"}", (exchange, request) -> {
                            System.err.println("x".repeat(300));
                            System.err.flush();
                            return text("written");
                        }),
                        tool("grow", "Adds tool extra.", "{\"type\":\"object\"}", (exchange, request) -> {
                            self.get().addTool(tool("extra", "Added later.", "{\"type\":\"object\"}",
                                    (e, r) -> text("extra ran")));
                            return text("grown");
                        }));
        McpSyncServer server = spec.build();
        self.set(server);
        return server;
    }

    private static McpServerFeatures.SyncToolSpecification tool(String name, String description, String schema,
            BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(name).inputSchema(MAPPER, schema);
        if (description != null) {
            tool.description(description);
        } else {
            tool.title("Fail on purpose");
        }
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool.build()).callHandler(handler).build();
    }

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).build();
    }

    private static long number(McpSchema.CallToolRequest request, String key) {
        return ((Number) request.arguments().get(key)).longValue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Appends every line it reads to a log file, so tests can see what the client sent. */
    private static final class LoggingInput extends FilterInputStream {
        private final Path log;

        LoggingInput(InputStream in, Path log) {
            super(in);
            this.log = log;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write(new String(b, off, n, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                Files.write(log, new byte[] {(byte) c}, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return c;
        }
    }
}
