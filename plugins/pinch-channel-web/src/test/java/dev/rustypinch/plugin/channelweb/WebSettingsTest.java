package dev.rustypinch.plugin.channelweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §20.1 settings as the plugin reads them, and the bearer token check of §20.2. */
class WebSettingsTest {
    /** Values as the runtime hands them over: trimmed strings, secrets, numbers and CSV already parsed. */
    private record MapConfig(Map<String, String> values) implements PluginConfig {
        @Override
        public Optional<String> string(String key) {
            return Optional.ofNullable(values.get(key)).map(String::strip).filter(value -> !value.isEmpty());
        }

        @Override
        public Optional<Secret> secret(String key) {
            return string(key).map(Secret::of);
        }

        @Override
        public boolean bool(String key) {
            return Boolean.parseBoolean(values.get(key));
        }

        @Override
        public long number(String key) {
            return values.containsKey(key) ? Long.parseLong(values.get(key)) : 300;
        }

        @Override
        public List<String> csv(String key) {
            return string(key).map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList())
                    .orElse(List.of());
        }

        @Override
        public Optional<Path> path(String key) {
            return string(key).map(Path::of);
        }

        @Override
        public Optional<String> raw(String key) {
            return Optional.ofNullable(values.get(key));
        }
    }

    @Test
    void defaultsListenOnLoopbackWithAFiveMinuteTurnTimeout() {
        WebSettings settings = WebSettings.from(new MapConfig(Map.of(WebSettings.TOKEN, "t")));

        assertEquals("127.0.0.1", settings.host());
        assertEquals(8787, settings.port());
        assertEquals(Duration.ofSeconds(300), settings.turnTimeout());
        assertEquals(List.of(), settings.allowOrigins());
    }

    @Test
    void withoutATokenTheChannelRefusesToStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSettings.from(new MapConfig(Map.of(WebSettings.TOKEN, "   "))));

        assertEquals("web channel requires RUSTY_PINCH_CHANNELS_WEB_TOKEN", e.getMessage());
    }

    @Test
    void listenTakesIpv6BracketsAndPortZero() {
        WebSettings settings = WebSettings.from(new MapConfig(Map.of(WebSettings.TOKEN, "t", WebSettings.LISTEN, "[::1]:0",
                WebSettings.ALLOW_ORIGINS, "https://Chat.Example.org, http://localhost:3000")));

        assertEquals("::1", settings.host());
        assertEquals(0, settings.port());
        assertEquals(List.of("https://chat.example.org", "http://localhost:3000"), settings.allowOrigins());
    }

    @Test
    void aListenAddressThatIsNotHostColonPortIsRefusedWithTheExpectedForm() {
        for (String listen : List.of("8787", ":8787", "localhost:", "localhost:http", "localhost:65536")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WebSettings.from(new MapConfig(Map.of(WebSettings.TOKEN, "t", WebSettings.LISTEN, listen))), listen);
            assertEquals("RUSTY_PINCH_CHANNELS_WEB_LISTEN must be <host>:<port>, e.g. 127.0.0.1:8787 (got '" + listen + "')",
                    e.getMessage());
        }
    }

    @Test
    void theTokenNeverShowsInToString() {
        WebSettings settings = WebSettings.from(new MapConfig(Map.of(WebSettings.TOKEN, "very-secret")));

        assertFalse(settings.toString().contains("very-secret"));
        assertFalse(new BearerToken(settings.token()).toString().contains("very-secret"));
    }

    @Test
    void theBearerTokenAcceptsOnlyTheExactToken() {
        BearerToken token = new BearerToken(Secret.of("s3cret"));

        assertTrue(token.accepts("Bearer s3cret"));
        assertTrue(token.accepts("bearer s3cret"));
        assertFalse(token.accepts("Bearer s3cre"));
        assertFalse(token.accepts("Bearer s3cret2"));
        assertFalse(token.accepts("Basic s3cret"));
        assertFalse(token.accepts("s3cret"));
        assertFalse(token.accepts("Bearer "));
        assertFalse(token.accepts(null));
    }
}
