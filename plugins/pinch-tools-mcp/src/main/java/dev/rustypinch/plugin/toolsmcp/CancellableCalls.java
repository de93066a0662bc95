package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport wrapper that learns the JSON-RPC id of each {@code tools/call} so that a call we give up on can be
 * cancelled with {@code notifications/cancelled} (SPEC §19.4); the SDK's client session keeps its ids to itself. A
 * call is tagged with a private {@code _meta} key, which is removed before the request leaves this process.
 */
final class CancellableCalls implements McpClientTransport {
    /** The private {@code _meta} key that tags a call; never sent to the server. */
    static final String TAG = "dev.rustypinch/call";

    private final McpClientTransport delegate;
    private final Map<String, Object> requestIds = new ConcurrentHashMap<>();

    CancellableCalls(McpClientTransport delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** A {@code tools/call} request tagged with {@code tag}. */
    static McpSchema.CallToolRequest tagged(String tool, Map<String, Object> arguments, String tag) {
        return new McpSchema.CallToolRequest(tool, arguments, Map.of(TAG, tag));
    }

    /** Sends {@code notifications/cancelled} for the tagged call, if it was sent; forgets the tag either way. */
    void cancel(String tag, String reason) {
        Object id = requestIds.remove(tag);
        if (id == null) {
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("requestId", id);
        params.put("reason", reason);
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                params)).subscribe(done -> { }, error -> { });
    }

    /** Forgets a finished call's tag. */
    void finished(String tag) {
        requestIds.remove(tag);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                && request.params() instanceof McpSchema.CallToolRequest call
                && call.meta() != null && call.meta().get(TAG) instanceof String tag) {
            requestIds.put(tag, request.id());
            Map<String, Object> meta = new LinkedHashMap<>(call.meta());
            meta.remove(TAG);
            McpSchema.CallToolRequest untagged = new McpSchema.CallToolRequest(call.name(), call.arguments(),
                    meta.isEmpty() ? null : meta);
            return delegate.sendMessage(new McpSchema.JSONRPCRequest(request.jsonrpc(), request.method(), request.id(),
                    untagged));
        }
        return delegate.sendMessage(message);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }
}
