package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderException.Kind;
import dev.rustypinch.api.ProviderFactory;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiProviderFactoryTest {
    private static final String KEY = "sk-factory-k3y";
    private static final ChatRequest REQUEST = new ChatRequest("m", List.of(new ChatMessage("user", "hi")), 0.2);

    private static ProviderSettings settings(String provider, Optional<String> base, Optional<String> key) {
        return new ProviderSettings(provider, "m", base, key.map(Secret::of), Duration.ofSeconds(5), "rusty-pinch/1.0.0");
    }

    /** Creates a client, makes one call that must fail before any I/O, and closes the client. */
    private static ProviderException failureOf(ProviderSettings settings) {
        try (ChatProvider provider = new OpenAiProviderFactory().create(settings, new TestPluginContext(Clock.systemUTC()))) {
            ProviderException failure = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));
            assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
            return failure;
        }
    }

    @Test
    void servesTheFiveHttpProvidersInAlphabeticalOrder() {
        assertEquals(List.of("compatible", "groq", "openai", "openrouter", "vllm"),
                List.copyOf(new OpenAiProviderFactory().providerNames()));
    }

    @Test
    void declaresNoConfigKeys() {
        assertEquals(List.of(), new OpenAiProviderFactory().configKeys());
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> factories = ServiceLoader.load(ProviderFactory.class).stream()
                .map(provider -> provider.type().getName())
                .toList();
        assertEquals(List.of(OpenAiProviderFactory.class.getName()), factories);
    }

    @Test
    void refusesAProviderItDoesNotServe() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new OpenAiProviderFactory()
                .create(settings("anthropic", Optional.of("http://127.0.0.1:9"), Optional.of(KEY)),
                        new TestPluginContext(Clock.systemUTC())));
        assertEquals("provider 'anthropic' is not served by this plugin; it serves compatible, groq, openai, openrouter, vllm",
                refused.getMessage());
    }

    @Test
    void missingKeyIsPermanent() {
        ProviderException failure = failureOf(settings("groq", Optional.of("http://127.0.0.1:9"), Optional.empty()));
        assertEquals("missing API key for provider 'groq'", failure.getMessage());
        assertEquals(Kind.PERMANENT, failure.kind());
    }

    @Test
    void missingBaseIsPermanent() {
        ProviderException failure = failureOf(settings("vllm", Optional.empty(), Optional.of(KEY)));
        assertEquals("missing API base for provider 'vllm'", failure.getMessage());
        assertEquals(Kind.PERMANENT, failure.kind());
    }

    @Test
    void missingKeyIsReportedBeforeMissingBase() {
        assertEquals("missing API key for provider 'compatible'",
                failureOf(settings("compatible", Optional.empty(), Optional.empty())).getMessage());
    }

    @Test
    void baseThatIsNotAnHttpUrlIsPermanent() {
        ProviderException failure = failureOf(settings("openai", Optional.of("ftp://example.test/v1"), Optional.of(KEY)));
        assertEquals("invalid API base for provider 'openai': expected an http:// or https:// URL", failure.getMessage());
        assertEquals(Kind.PERMANENT, failure.kind());
    }

    @Test
    void keyThatCannotBeAHeaderIsPermanentWithoutShowingIt() {
        ProviderException failure = failureOf(settings("openai", Optional.of("http://127.0.0.1:9"), Optional.of(KEY + "\n")));
        assertEquals("invalid API key for provider 'openai': it has characters an HTTP header cannot carry",
                failure.getMessage());
        assertEquals(Kind.PERMANENT, failure.kind());
    }

    @Test
    void toStringShowsNoKey() {
        try (ChatProvider provider = new OpenAiProviderFactory().create(
                settings("openai", Optional.of("http://127.0.0.1:9/v1"), Optional.of(KEY)),
                new TestPluginContext(Clock.systemUTC()))) {
            assertEquals("OpenAiChatProvider[provider=openai, endpoint=http://127.0.0.1:9/...]", provider.toString());
        }
    }
}
