package dev.rustypinch.plugin.channeltelegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramChannelFactoryTest {
    @TempDir
    Path dataDirectory;

    private final RecordingEvents events = new RecordingEvents();

    private Channel create(Map<String, String> environment) {
        return new TelegramChannelFactory().create(new TestPluginContext(environment, events, dataDirectory), 0);
    }

    @Test
    void factoryIsFoundByServiceLoaderUnderTheNameTelegram() {
        List<String> names = ServiceLoader.load(ChannelFactory.class).stream()
                .map(provider -> provider.get().channelName()).toList();

        assertEquals(List.of("telegram"), names);
    }

    @Test
    void configKeysAreDeclaredWithTheirTypesAndDefaults() {
        List<ConfigKey> keys = new TelegramChannelFactory().configKeys();

        assertEquals(List.of(
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN SECRET null",
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM CSV null",
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS NUMBER 30",
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS NUMBER 350",
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS NUMBER 60",
                        "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE STRING https://api.telegram.org"),
                keys.stream().map(key -> key.name() + " " + key.type() + " " + key.defaultValue()).toList());
        assertTrue(keys.get(0).required());
        assertEquals(ConfigType.SECRET, keys.get(0).type());
    }

    @Test
    void missingTokenIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> create(Map.of()));

        assertEquals("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is required when telegram channel is enabled", error.getMessage());
    }

    @Test
    void apiBaseThatIsNotAUrlIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> create(Map.of(
                "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", "1:x", "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", "api.telegram.org")));

        assertEquals("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE must be an http:// or https:// URL, got 'api.telegram.org'",
                error.getMessage());
    }

    @Test
    void startEventFieldsShowTheDefaults() {
        try (Channel channel = create(Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", "test-token"))) {
            assertEquals(Map.of("allow_from_count", 0, "poll_interval_ms", 350L, "poll_timeout_secs", 30L),
                    channel.startEventFields());
        }
    }

    @Test
    void startEventFieldsShowTheConfiguredValues() {
        try (Channel channel = create(Map.of(
                "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", "test-token",
                "RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM", "12345,67890",
                "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "31",
                "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS", "800"))) {
            assertEquals(Map.of("allow_from_count", 2, "poll_interval_ms", 800L, "poll_timeout_secs", 31L),
                    channel.startEventFields());
        }
    }

    @Test
    void botIdIsTheTokenPartBeforeTheFirstColon() {
        assertEquals("123456", settings("123456:ABC:def").botId());
        assertEquals("unknown", settings("no-colon-token").botId());
        assertEquals("unknown", settings(":leading").botId());
    }

    @Test
    void callLimitsFollowTheSpec() {
        TelegramSettings settings = settings("1:x");

        assertEquals(java.time.Duration.ofSeconds(60), settings.pollCallLimit());
        assertEquals(java.time.Duration.ofSeconds(60), settings.sendCallLimit());
        TelegramSettings slow = new TelegramSettings(settings.token(), List.of(), 90, 350, 0, "http://127.0.0.1");
        assertEquals(java.time.Duration.ofSeconds(95), slow.pollCallLimit());
        assertEquals(java.time.Duration.ofSeconds(1), slow.sendCallLimit());
        assertEquals(90, slow.longPollSeconds());
    }

    private TelegramSettings settings(String token) {
        return TelegramSettings.from(new TestPluginContext(
                Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", token), events, dataDirectory).config());
    }
}
