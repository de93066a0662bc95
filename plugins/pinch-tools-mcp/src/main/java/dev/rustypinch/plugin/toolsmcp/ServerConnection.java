package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.ToolException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * One configured MCP server and its SDK client (SPEC §19.3): connects on demand (initialize + {@code tools/list}
 * through every page, within the timeout), keeps the tool list fresh on {@code notifications/tools/list_changed},
 * retries after a failure or a crash with a backoff of 1 s doubling to 60 s, and runs calls with a timeout that
 * cancels the request. Thread safe.
 */
final class ServerConnection implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());
    /** The end of output of a server that has none to end (HTTP): never completes. */
    private static final CompletableFuture<Void> NEVER = new CompletableFuture<>();
    private static final Pattern FALLBACK_STATUS = Pattern.compile("(?i)status code:?\\s*(404|405)\\b");

    private final ServerSpec spec;
    private final Map<String, String> processEnv;
    private final Consumer<String> warn;
    private final String clientVersion;
    private final LongSupplier nanoClock;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    private Session session;
    private ChildProcess startingChild;
    private CompletableFuture<List<McpSchema.Tool>> connecting;
    private String lastFailure;
    private long nextAttemptNanos;
    private Duration backoff = FIRST_BACKOFF;
    private boolean closed;

    /** The live parts of one connection attempt that succeeded. */
    private record Session(McpAsyncClient client, CancellableCalls calls, ChildProcess child,
                           List<McpSchema.Tool> tools) {
        Session withTools(List<McpSchema.Tool> newTools) {
            return new Session(client, calls, child, newTools);
        }
    }

    /**
     * @param processEnv    this process's environment (a stdio child inherits only a few of its variables)
     * @param warn          receives {@code mcp <server>: <line>} for each stderr line of a stdio child
     * @param clientVersion the version sent as {@code clientInfo}
     */
    ServerConnection(ServerSpec spec, Map<String, String> processEnv, Consumer<String> warn, String clientVersion,
                     LongSupplier nanoClock) {
        this.spec = requireNonNull(spec, "spec is null");
        this.processEnv = Map.copyOf(requireNonNull(processEnv, "processEnv is null"));
        this.warn = requireNonNull(warn, "warn is null");
        this.clientVersion = requireNonNull(clientVersion, "clientVersion is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    String name() {
        return spec.name();
    }

    ServerSpec spec() {
        return spec;
    }

    /** Starts connecting on its own thread unless connected, connecting, or waiting out a backoff. */
    synchronized CompletableFuture<List<McpSchema.Tool>> connectAsync() {
        if (closed) {
            return CompletableFuture.failedFuture(new Unavailable("the tool source is closed"));
        }
        if (session != null) {
            return CompletableFuture.completedFuture(session.tools());
        }
        if (connecting != null) {
            return connecting;
        }
        if (lastFailure != null && nanoClock.getAsLong() - nextAttemptNanos < 0) {
            return CompletableFuture.failedFuture(new Unavailable(lastFailure));
        }
        CompletableFuture<List<McpSchema.Tool>> attempt = new CompletableFuture<>();
        connecting = attempt;
        Thread thread = new Thread(() -> connect(attempt), "mcp-" + spec.name() + "-connect");
        thread.setDaemon(true);
        thread.start();
        return attempt;
    }

    /**
     * The server's tools (filtered by the allowlist), connecting first if needed.
     *
     * @throws Unavailable with the reason, e.g. {@code timed out after 30 s}
     */
    List<McpSchema.Tool> tools() throws Unavailable {
        List<McpSchema.Tool> tools = await(connectAsync());
        return spec.allowlist().map(allowed -> tools.stream().filter(tool -> allowed.contains(tool.name())).toList())
                .orElse(tools);
    }

    /**
     * Calls a tool of this server.
     *
     * @param argumentsJson a JSON object
     * @throws ToolException with the reason: the server's error text, {@code timed out after <s> s}, or
     *                       {@code MCP server '<n>' unavailable: <reason>}
     */
    String call(String tool, Map<String, Object> arguments) throws ToolException {
        Session live;
        try {
            await(connectAsync());
            synchronized (this) {
                live = session;
            }
            if (live == null) {
                throw new Unavailable(lastFailureOr("the server exited"));
            }
        } catch (Unavailable e) {
            throw new ToolException(unavailable(e.getMessage()));
        }
        String tag = UUID.randomUUID().toString();
        CompletableFuture<McpSchema.CallToolResult> result = live.client()
                .callTool(CancellableCalls.tagged(tool, arguments, tag)).toFuture();
        inFlight.add(result);
        try {
            return CallResults.text(result.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            String reason = "timed out after " + spec.timeoutSeconds() + " s";
            live.calls().cancel(tag, reason);
            result.cancel(true);
            throw new ToolException(reason);
        } catch (InterruptedException e) {
            live.calls().cancel(tag, "the caller stopped waiting");
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for MCP server '" + spec.name() + "'");
        } catch (CancellationException e) {
            throw new ToolException(unavailable(lastFailureOr("the server exited")));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof McpError error) {
                throw new ToolException(error.getJsonRpcError() != null && error.getJsonRpcError().message() != null
                        ? error.getJsonRpcError().message() : describe(error));
            }
            String reason = describe(cause);
            drop(live, reason);
            throw new ToolException(unavailable(reason));
        } finally {
            inFlight.remove(result);
            live.calls().finished(tag);
        }
    }

    private String unavailable(String reason) {
        return "MCP server '" + spec.name() + "' unavailable: " + reason;
    }

    private List<McpSchema.Tool> await(CompletableFuture<List<McpSchema.Tool>> future) throws Unavailable {
        try {
            return future.get(spec.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("timed out after " + spec.timeoutSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        } catch (ExecutionException e) {
            throw new Unavailable(e.getCause() instanceof Unavailable u ? u.getMessage() : describe(e.getCause()));
        }
    }

    private void connect(CompletableFuture<List<McpSchema.Tool>> attempt) {
        long deadline = nanoClock.getAsLong() + spec.timeout().toNanos();
        ChildProcess child = null;
        McpAsyncClient client = null;
        try {
            if (spec.isStdio()) {
                child = ChildProcess.start(spec, processEnv, warn);
                ChildProcess started = child;
                if (!track(started)) {
                    throw new IOException("the tool source is closed");
                }
                CompletableFuture<Void> ended = new CompletableFuture<>();
                McpClientTransport transport = new StdioStreamsTransport(spec.name(), child.process().getInputStream(),
                        child.process().getOutputStream(), MAPPER, () -> {
                            ended.complete(null);
                            onExit(started);
                        });
                CancellableCalls calls = new CancellableCalls(transport);
                client = initialize(calls, deadline, ended);
                succeed(attempt, client, calls, child, deadline, ended);
            } else {
                connectHttp(attempt, deadline);
            }
        } catch (Exception | LinkageError e) {
            String reason = e instanceof TimeoutException ? "timed out after " + spec.timeoutSeconds() + " s"
                    : exited(child).orElse(e instanceof ServerExited ? "the server closed its output" : describe(e));
            fail(attempt, reason);
            if (client != null) {
                client.close();
            }
            if (child != null) {
                child.stop();
                untrack(child);
            }
        }
    }

    private synchronized void untrack(ChildProcess child) {
        if (startingChild == child) {
            startingChild = null;
        }
    }

    private void connectHttp(CompletableFuture<List<McpSchema.Tool>> attempt, long deadline) throws Exception {
        CancellableCalls streamable = new CancellableCalls(streamableTransport());
        McpAsyncClient client;
        try {
            client = initialize(streamable, deadline, NEVER);
        } catch (ExecutionException e) {
            if (!FALLBACK_STATUS.matcher(chain(e)).find()) {
                throw e;
            }
            CancellableCalls sse = new CancellableCalls(sseTransport());
            McpAsyncClient legacy = initialize(sse, deadline, NEVER);
            succeed(attempt, legacy, sse, null, deadline, NEVER);
            return;
        }
        succeed(attempt, client, streamable, null, deadline, NEVER);
    }

    private McpAsyncClient initialize(CancellableCalls transport, long deadline, CompletableFuture<Void> ended)
            throws Exception {
        Duration requestTimeout = spec.timeout().plusSeconds(5);
        McpAsyncClient client = McpClient.async(transport)
                .requestTimeout(requestTimeout)
                .initializationTimeout(requestTimeout)
                .clientInfo(new McpSchema.Implementation("rusty-pinch", clientVersion))
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(new ObjectMapper()))
                .toolsChangeConsumer(tools -> {
                    refreshInBackground();
                    return Mono.empty();
                })
                .build();
        try {
            within(client.initialize().toFuture(), ended, deadline);
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    private void succeed(CompletableFuture<List<McpSchema.Tool>> attempt, McpAsyncClient client, CancellableCalls calls,
                         ChildProcess child, long deadline, CompletableFuture<Void> ended) throws Exception {
        List<McpSchema.Tool> tools = listAll(client, deadline, ended);
        boolean keep;
        synchronized (this) {
            keep = !closed && (child == null || child.isAlive());
            if (child != null && startingChild == child) {
                startingChild = null;
            }
            if (keep) {
                session = new Session(client, calls, child, tools);
                lastFailure = null;
                backoff = FIRST_BACKOFF;
                connecting = null;
            }
        }
        if (!keep) {
            throw new IOException(closed ? "the tool source is closed" : "the server exited");
        }
        attempt.complete(tools);
    }

    private List<McpSchema.Tool> listAll(McpAsyncClient client, long deadline, CompletableFuture<Void> ended)
            throws Exception {
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = within(client.listTools(cursor).toFuture(), ended, deadline);
            if (page.tools() != null) {
                tools.addAll(page.tools());
            }
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return List.copyOf(tools);
    }

    /** Remembers a child that is still connecting, so that {@link #close()} ends it too; false once closed. */
    private synchronized boolean track(ChildProcess child) {
        if (closed) {
            return false;
        }
        startingChild = child;
        return true;
    }

    private void refreshInBackground() {
        Thread thread = new Thread(() -> {
            Session live;
            synchronized (this) {
                live = session;
            }
            if (live == null) {
                return;
            }
            try {
                List<McpSchema.Tool> tools = listAll(live.client(), nanoClock.getAsLong() + spec.timeout().toNanos(),
                        NEVER);
                synchronized (this) {
                    if (session == live) {
                        session = live.withTools(tools);
                    }
                }
            } catch (Exception e) {
                warn.accept("MCP server '" + spec.name() + "' tool list refresh failed: " + describe(e));
            } catch (LinkageError e) {
                warn.accept("MCP server '" + spec.name() + "' tool list refresh failed: " + describe(e));
            }
        }, "mcp-" + spec.name() + "-refresh");
        thread.setDaemon(true);
        thread.start();
    }

    private void fail(CompletableFuture<List<McpSchema.Tool>> attempt, String reason) {
        synchronized (this) {
            connecting = null;
            recordFailure(reason);
        }
        attempt.completeExceptionally(new Unavailable(reason));
    }

    /** Called by the stdout reader when a stdio child's output ends: the server is gone until the next attempt. */
    private void onExit(ChildProcess child) {
        Session ended;
        synchronized (this) {
            if (session == null || session.child() != child) {
                return;
            }
            ended = session;
            session = null;
            if (!closed) {
                recordFailure("the server exited");
            }
        }
        inFlight.forEach(future -> future.cancel(true));
        ended.client().close();
        Thread reaper = new Thread(child::stop, "mcp-" + spec.name() + "-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /**
     * Forgets a session whose transport failed (an HTTP server that went away), so that a later call reconnects
     * under the backoff instead of failing the same way forever. A stdio session ends through {@link #onExit}.
     */
    private void drop(Session failed, String reason) {
        synchronized (this) {
            if (session != failed || failed.child() != null) {
                return;
            }
            session = null;
            if (!closed) {
                recordFailure(reason);
            }
        }
        failed.client().close();
    }

    private void recordFailure(String reason) {
        lastFailure = reason;
        nextAttemptNanos = nanoClock.getAsLong() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private synchronized String lastFailureOr(String fallback) {
        return lastFailure == null ? fallback : lastFailure;
    }

    /** The result of {@code future}, unless the server's output ends first or the deadline passes. */
    private <T> T within(CompletableFuture<T> future, CompletableFuture<Void> ended, long deadline) throws Exception {
        CompletableFuture.anyOf(future, ended).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        if (!future.isDone()) {
            throw new ServerExited();
        }
        return future.get();
    }

    /** {@code the server exited with code <n>} when a stdio child has ended (or ends within 300 ms). */
    private static Optional<String> exited(ChildProcess child) {
        if (child == null) {
            return Optional.empty();
        }
        try {
            if (child.process().waitFor(300, TimeUnit.MILLISECONDS)) {
                return Optional.of("the server exited with code " + child.process().exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private long remainingMillis(long deadline) throws TimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - nanoClock.getAsLong());
        if (left <= 0) {
            throw new TimeoutException();
        }
        return left;
    }

    private HttpClientStreamableHttpTransport streamableTransport() {
        Endpoint endpoint = Endpoint.of(spec.url().orElseThrow());
        return HttpClientStreamableHttpTransport.builder(endpoint.base()).endpoint(endpoint.path()).jsonMapper(MAPPER)
                .requestBuilder(requestWithHeaders()).connectTimeout(spec.timeout()).build();
    }

    private HttpClientSseClientTransport sseTransport() {
        Endpoint endpoint = Endpoint.of(spec.url().orElseThrow());
        return HttpClientSseClientTransport.builder(endpoint.base()).sseEndpoint(endpoint.path()).jsonMapper(MAPPER)
                .requestBuilder(requestWithHeaders()).connectTimeout(spec.timeout()).build();
    }

    private HttpRequest.Builder requestWithHeaders() {
        HttpRequest.Builder builder = HttpRequest.newBuilder();
        spec.headers().forEach(builder::header);
        return builder;
    }

    /** The scheme and authority of a URL, and the rest (path and query). */
    private record Endpoint(String base, String path) {
        static Endpoint of(String url) {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            return new Endpoint(uri.getScheme() + "://" + uri.getRawAuthority(), path);
        }
    }

    /** Ends the client and the child's process tree; bounded (about 2 s). Idempotent. */
    @Override
    public void close() {
        Session ended;
        ChildProcess starting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ended = session;
            session = null;
            starting = startingChild;
            startingChild = null;
        }
        inFlight.forEach(future -> future.cancel(true));
        if (starting != null) {
            starting.stop();
        }
        if (ended != null) {
            if (ended.child() != null) {
                ended.child().stop();
            }
            try {
                ended.client().close();
            } catch (RuntimeException e) {
                // Closing the client is best effort once its server is gone.
            }
        }
    }

    /** One line for a failure: its message chain without SDK noise, never a header or environment value. */
    static String describe(Throwable error) {
        Throwable root = error;
        while ((root instanceof ExecutionException || root instanceof CompletionException
                || (root.getMessage() == null && root.getCause() != null)) && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return "timed out";
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    private static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** A stdio server's output ended while we waited for an answer. */
    private static final class ServerExited extends IOException {
        private static final long serialVersionUID = 1L;

        ServerExited() {
            super("the server exited");
        }
    }

    /** The server cannot be used now; the message is the reason. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }
}
