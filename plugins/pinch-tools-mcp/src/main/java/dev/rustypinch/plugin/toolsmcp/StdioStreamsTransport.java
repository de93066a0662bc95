package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK's client transport over streams we own: newline-delimited JSON-RPC on a child's stdin and stdout (the MCP
 * stdio transport). Unlike the SDK's {@code StdioClientTransport} it starts no process and never waits on one: the
 * process is {@link ChildProcess}'s to start and end.
 */
final class StdioStreamsTransport implements McpClientTransport {
    private final String server;
    private final InputStream stdout;
    private final OutputStream stdin;
    private final McpJsonMapper mapper;
    private final Runnable onEndOfStream;
    private volatile Consumer<Throwable> exceptionHandler = error -> { };

    /**
     * @param onEndOfStream called once when the child's stdout ends (the server exited or closed it)
     */
    StdioStreamsTransport(String server, InputStream stdout, OutputStream stdin, McpJsonMapper mapper,
                          Runnable onEndOfStream) {
        this.server = requireNonNull(server, "server is null");
        this.stdout = requireNonNull(stdout, "stdout is null");
        this.stdin = requireNonNull(stdin, "stdin is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.onEndOfStream = requireNonNull(onEndOfStream, "onEndOfStream is null");
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Thread reader = new Thread(() -> read(handler), "mcp-" + server + "-stdout");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | IllegalArgumentException e) {
                    exceptionHandler.accept(e);
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(reply -> { }, exceptionHandler::accept);
            }
        } catch (IOException ignored) {
            // The stream broke: the same as its end.
        } finally {
            onEndOfStream.run();
        }
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = requireNonNull(handler, "handler is null");
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromCallable(() -> {
            byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
            return null;
        }).then();
    }

    /** Nothing to wait for: {@link ChildProcess#stop()} closes stdin and ends the process tree. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
