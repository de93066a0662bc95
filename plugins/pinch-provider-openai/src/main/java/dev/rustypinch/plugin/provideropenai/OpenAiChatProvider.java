package dev.rustypinch.plugin.provideropenai;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible chat-completion client (SPEC §8.2–§8.4): one {@code POST
 * <api_base>/chat/completions} per {@link #complete} call over one reused HTTP client. Thread safe.
 * The API key is used only in the {@code Authorization} header and is masked in every error text.
 */
final class OpenAiChatProvider implements ChatProvider {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String REDACTED = "<redacted>";

    private final String provider;
    private final Optional<String> apiKey;
    private final Clock clock;
    private final HttpUrl endpoint;
    private final Headers headers;
    private final String configurationProblem;
    private final ChatRequestEncoder encoder = new ChatRequestEncoder();
    private final ChatResponseDecoder decoder = new ChatResponseDecoder();
    private final OwnedHttpClient http;
    private final CallDeadlines deadlines;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenAiChatProvider(ProviderSettings settings, Clock clock, Dns dns) {
        requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(dns, "dns is null");
        this.provider = settings.provider();
        this.apiKey = settings.apiKey().map(Secret::reveal).filter(key -> !key.isEmpty());
        this.endpoint = settings.apiBase().map(OpenAiChatProvider::endpoint).orElse(null);
        this.headers = apiKey.map(key -> headers(settings, key)).orElse(null);
        this.configurationProblem = configurationProblem(settings);
        String threadPrefix = "pinch-provider-" + provider;
        this.http = new OwnedHttpClient(dns, threadPrefix + "-http");
        this.deadlines = new CallDeadlines(settings.requestTimeout(), threadPrefix + "-deadline");
    }

    @Override
    public ChatResponse complete(ChatRequest request) throws ProviderException {
        requireNonNull(request, "request is null");
        if (closed.get()) {
            throw ProviderException.permanentFailure("provider '" + provider + "' is closed");
        }
        if (configurationProblem != null) {
            throw ProviderException.permanentFailure(configurationProblem);
        }
        try {
            return exchange(newCall(request));
        } catch (ProviderException failure) {
            ProviderException masked = masked(failure);
            log().debug("provider '{}' call failed ({}): {}", provider, masked.kind(), masked.getMessage());
            throw masked;
        }
    }

    /** Sends {@code tools}, {@code tool_choice}, tool calls and tool messages, and reads tool calls back (SPEC §18.3–§18.4). */
    @Override
    public boolean supportsTools() {
        return true;
    }

    private Call newCall(ChatRequest request) throws ProviderException {
        byte[] body;
        try {
            body = encoder.encode(request);
        } catch (IOException unencodable) {
            throw ProviderException.permanentFailure("failed encoding provider request json: " + unencodable.getMessage());
        }
        Request post = new Request.Builder()
                .url(endpoint)
                .headers(headers)
                .post(RequestBody.create(body, JSON))
                .build();
        return http.client().newCall(post);
    }

    private ChatResponse exchange(Call call) throws ProviderException {
        try (CallDeadlines.Watch watch = deadlines.watch(call)) {
            try (Response response = call.execute()) {
                Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), clock.instant());
                if (!response.isSuccessful()) {
                    throw Classification.httpStatus(response.code(), providerError(response), retryAfter);
                }
                return decoder.decode(response.body().bytes(), retryAfter);
            } catch (IOException failure) {
                throw Classification.io(watch.expired() ? timeout(failure) : failure);
            }
        }
    }

    private Optional<String> providerError(Response response) {
        try {
            return decoder.providerError(response.body().bytes());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Masks the key wherever a provider or a transport error echoed it. */
    private ProviderException masked(ProviderException failure) {
        String detail = failure.getMessage();
        if (apiKey.isEmpty() || !detail.contains(apiKey.get())) {
            return failure;
        }
        return new ProviderException(failure.kind(), detail.replace(apiKey.get(), REDACTED),
                failure.retryAfter().orElse(null), null);
    }

    /** Releases connections and stops every thread of this client. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deadlines.close();
            http.close();
        }
    }

    @Override
    public String toString() {
        return "OpenAiChatProvider[provider=" + provider + ", endpoint=" + (endpoint == null ? "<unset>" : endpoint.redact()) + "]";
    }

    private String configurationProblem(ProviderSettings settings) {
        if (apiKey.isEmpty()) {
            return "missing API key for provider '" + provider + "'";
        }
        if (settings.apiBase().isEmpty()) {
            return "missing API base for provider '" + provider + "'";
        }
        if (endpoint == null) {
            return "invalid API base for provider '" + provider + "': expected an http:// or https:// URL";
        }
        if (headers == null) {
            return "invalid API key for provider '" + provider + "': it has characters an HTTP header cannot carry";
        }
        return null;
    }

    private static HttpUrl endpoint(String apiBase) {
        String base = apiBase;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return HttpUrl.parse(base + "/chat/completions");
    }

    private static Headers headers(ProviderSettings settings, String key) {
        Headers.Builder headers = new Headers.Builder()
                .add("Accept", "application/json")
                .add("User-Agent", settings.userAgent());
        if ("openrouter".equals(settings.provider())) {
            headers.add("HTTP-Referer", "https://rusty-pinch.local").add("X-Title", "Rusty Pinch");
        }
        try {
            return headers.add("Authorization", "Bearer " + key).build();
        } catch (IllegalArgumentException notHeaderSafe) {
            return null;
        }
    }

    private static InterruptedIOException timeout(IOException cancelled) {
        InterruptedIOException timeout = new InterruptedIOException("timeout");
        timeout.initCause(cancelled);
        return timeout;
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(OpenAiChatProvider.class);
    }
}
