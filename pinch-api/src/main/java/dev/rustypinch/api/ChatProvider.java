package dev.rustypinch.api;

/**
 * A configured chat-completion client. Created by a {@link ProviderFactory}, used for many calls
 * (sequential calls should reuse connections), closed once by the runtime.
 *
 * <p>Threading: {@link #complete} may be called from several threads at once. The runtime applies
 * the retry policy, attempt counting and latency measurement around it; an implementation makes
 * exactly one attempt per call and never sleeps to retry.
 */
public interface ChatProvider extends AutoCloseable {
    /**
     * Makes one call, limited by {@link ProviderSettings#requestTimeout()}.
     *
     * @throws ProviderException a classified failure; an implementation never throws anything else
     *                           for transport, HTTP or payload problems
     */
    ChatResponse complete(ChatRequest request) throws ProviderException;

    /**
     * (API 1.1) Whether this client sends {@link ChatRequest#tools()}, {@link ChatRequest#toolChoice()},
     * tool-call and tool messages, and returns {@link ChatResponse#toolCalls()} (SPEC §18). The runtime
     * offers tools only to a provider that says so; an API 1.0 provider keeps getting plain requests.
     */
    default boolean supportsTools() {
        return false;
    }

    /** Releases connections and threads so nothing pins the plugin's class loader. Idempotent. */
    @Override
    default void close() {
    }
}
