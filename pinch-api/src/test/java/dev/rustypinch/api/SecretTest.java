package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void toStringNeverShowsTheValue() {
        Secret secret = Secret.of("sk-live-123");
        assertEquals("<redacted>", secret.toString());
        assertEquals("sk-live-123", secret.reveal());
    }

    @Test
    void providerSettingsToStringMasksTheKey() {
        ProviderSettings settings = new ProviderSettings("openai", "gpt-4o-mini", Optional.of("https://x/v1"),
                Optional.of(Secret.of("sk-live-123")), Duration.ofSeconds(60), "rusty-pinch/1.0.0");
        assertFalse(settings.toString().contains("sk-live-123"));
    }
}
