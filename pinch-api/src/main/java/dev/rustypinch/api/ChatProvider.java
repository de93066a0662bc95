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

    /** Releases connections and threads so nothing pins the plugin's class loader. Idempotent. */
    @Override
    default void close() {
    }
}
