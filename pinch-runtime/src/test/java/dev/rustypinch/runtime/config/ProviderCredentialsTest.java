package dev.rustypinch.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderCredentialsTest {
    private static final List<String> OTHER_KEYS = List.of("RUSTY_PINCH_API_KEY", "OPENAI_API_KEY",
            "OPENROUTER_API_KEY", "ANTHROPIC_API_KEY", "PICOCLAW_PROVIDERS_OPENAI_API_KEY",
            "PICOCLAW_PROVIDERS_OPENROUTER_API_KEY", "PICOCLAW_PROVIDERS_ANTHROPIC_API_KEY");
    private static final List<String> OTHER_BASES = List.of("RUSTY_PINCH_API_BASE", "RUSTY_PINCH_OPENAI_API_BASE",
            "RUSTY_PINCH_OPENROUTER_API_BASE", "OPENAI_API_BASE", "OPENROUTER_API_BASE",
            "PICOCLAW_PROVIDERS_OPENAI_API_BASE", "PICOCLAW_PROVIDERS_OPENROUTER_API_BASE");

    private static Environment env(Map<String, String> values) {
        return Environment.of(values, Map.of());
    }

    static Stream<Arguments> keyTables() {
        return Stream.of(
                Arguments.of("openai", List.of("RUSTY_PINCH_API_KEY", "RUSTY_PINCH_OPENAI_API_KEY", "OPENAI_API_KEY",
                        "PICOCLAW_PROVIDERS_OPENAI_API_KEY")),
                Arguments.of("openrouter", List.of("RUSTY_PINCH_API_KEY", "RUSTY_PINCH_OPENROUTER_API_KEY",
                        "OPENROUTER_API_KEY", "PICOCLAW_PROVIDERS_OPENROUTER_API_KEY")),
                Arguments.of("groq", List.of("RUSTY_PINCH_API_KEY", "RUSTY_PINCH_GROQ_API_KEY", "GROQ_API_KEY",
                        "PICOCLAW_PROVIDERS_GROQ_API_KEY")),
                Arguments.of("anthropic", List.of("RUSTY_PINCH_API_KEY", "RUSTY_PINCH_ANTHROPIC_API_KEY",
                        "ANTHROPIC_API_KEY", "PICOCLAW_PROVIDERS_ANTHROPIC_API_KEY")),
                Arguments.of("vllm", OTHER_KEYS),
                Arguments.of("compatible", OTHER_KEYS),
                Arguments.of("local", OTHER_KEYS),
                Arguments.of("", OTHER_KEYS));
    }

    static Stream<Arguments> baseTables() {
        return Stream.of(
                Arguments.of("openai", List.of("RUSTY_PINCH_API_BASE", "RUSTY_PINCH_OPENAI_API_BASE", "OPENAI_API_BASE",
                        "PICOCLAW_PROVIDERS_OPENAI_API_BASE")),
                Arguments.of("openrouter", List.of("RUSTY_PINCH_API_BASE", "RUSTY_PINCH_OPENROUTER_API_BASE",
                        "OPENROUTER_API_BASE", "PICOCLAW_PROVIDERS_OPENROUTER_API_BASE")),
                Arguments.of("groq", List.of("RUSTY_PINCH_API_BASE", "RUSTY_PINCH_GROQ_API_BASE", "GROQ_API_BASE",
                        "PICOCLAW_PROVIDERS_GROQ_API_BASE")),
                Arguments.of("anthropic", OTHER_BASES),
                Arguments.of("vllm", OTHER_BASES),
                Arguments.of("compatible", OTHER_BASES),
                Arguments.of("local", OTHER_BASES));
    }

    @ParameterizedTest
    @MethodSource("keyTables")
    void keyTableMatchesSpec(String provider, List<String> expected) {
        assertEquals(expected, ProviderCredentials.keyVariables(provider));
    }

    @ParameterizedTest
    @MethodSource("baseTables")
    void baseTableMatchesSpec(String provider, List<String> expected) {
        assertEquals(expected, ProviderCredentials.baseVariables(provider));
    }

    @ParameterizedTest
    @MethodSource("keyTables")
    void eachKeyVariableBeatsTheOnesAfterIt(String provider, List<String> variables) {
        for (int i = 0; i < variables.size(); i++) {
            Map<String, String> values = new HashMap<>();
            for (int j = i; j < variables.size(); j++) {
                values.put(variables.get(j), "key-" + j);
            }
            assertEquals(Optional.of(Secret.of("key-" + i)), ProviderCredentials.apiKey(provider, env(values)),
                    provider + " with " + variables.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("baseTables")
    void eachBaseVariableBeatsTheOnesAfterIt(String provider, List<String> variables) {
        for (int i = 0; i < variables.size(); i++) {
            Map<String, String> values = new HashMap<>();
            for (int j = i; j < variables.size(); j++) {
                values.put(variables.get(j), "http://base-" + j + "/v1/");
            }
            assertEquals(Optional.of("http://base-" + i + "/v1"), ProviderCredentials.apiBase(provider, env(values)),
                    provider + " with " + variables.get(i));
        }
    }

    @Test
    void genericKeyBeatsProviderSpecificKey() {
        Environment env = env(Map.of("RUSTY_PINCH_API_KEY", "generic", "RUSTY_PINCH_OPENAI_API_KEY", "specific"));
        assertEquals(Optional.of(Secret.of("generic")), ProviderCredentials.apiKey("openai", env));
    }

    @Test
    void blankKeysAreSkipped() {
        Environment env = env(Map.of("RUSTY_PINCH_API_KEY", "  ", "RUSTY_PINCH_OPENROUTER_API_KEY", "",
                "OPENROUTER_API_KEY", " or-key "));
        assertEquals(Optional.of(Secret.of("or-key")), ProviderCredentials.apiKey("openrouter", env));
    }

    @Test
    void othersIgnoreRustyPinchOpenaiKey() {
        Environment env = env(Map.of("RUSTY_PINCH_OPENAI_API_KEY", "k"));
        assertEquals(Optional.empty(), ProviderCredentials.apiKey("vllm", env));
    }

    @Test
    void othersIgnoreGroqKey() {
        assertEquals(Optional.empty(), ProviderCredentials.apiKey("compatible", env(Map.of("GROQ_API_KEY", "k"))));
    }

    @Test
    void openaiIgnoresOpenrouterKey() {
        assertEquals(Optional.empty(), ProviderCredentials.apiKey("openai", env(Map.of("OPENROUTER_API_KEY", "k"))));
    }

    @Test
    void everyTrailingSlashIsStripped() {
        Environment env = env(Map.of("RUSTY_PINCH_API_BASE", " http://127.0.0.1:9000/v1/// "));
        assertEquals(Optional.of("http://127.0.0.1:9000/v1"), ProviderCredentials.apiBase("vllm", env));
    }

    @Test
    void blankBasesAreSkipped() {
        Environment env = env(Map.of("RUSTY_PINCH_API_BASE", " ", "OPENAI_API_BASE", "http://o/v1"));
        assertEquals(Optional.of("http://o/v1"), ProviderCredentials.apiBase("openai", env));
    }

    @ParameterizedTest
    @CsvSource({
        "openai, https://api.openai.com/v1",
        "openrouter, https://openrouter.ai/api/v1",
        "groq, https://api.groq.com/openai/v1",
    })
    void defaultBases(String provider, String base) {
        assertEquals(Optional.of(base), ProviderCredentials.apiBase(provider, env(Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "vllm", "compatible", "local", "offline", ""})
    void noDefaultBaseForOthers(String provider) {
        assertEquals(Optional.empty(), ProviderCredentials.apiBase(provider, env(Map.of())));
    }
}
