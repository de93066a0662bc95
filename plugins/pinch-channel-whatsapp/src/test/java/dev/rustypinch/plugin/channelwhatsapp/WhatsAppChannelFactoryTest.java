package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChannelFactory;
import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppChannelFactoryTest {
    private static final String URL = "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL";
    private static final String DIALECT = "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT";

    private final WhatsAppChannelFactory factory = new WhatsAppChannelFactory();
    private final RecordingEvents events = new RecordingEvents();

    private Channel create(Map<String, String> settings) {
        return factory.create(TestContext.of(settings, events), 0);
    }

    @Test
    void factoryIsFoundByServiceLoaderUnderTheNameWhatsapp() {
        List<String> names = ServiceLoader.load(ChannelFactory.class).stream()
                .map(provider -> provider.get().channelName()).toList();

        assertEquals(List.of("whatsapp"), names);
    }

    @Test
    void configKeysAreDeclaredWithTypesAndDefaults() {
        List<String> keys = factory.configKeys().stream()
                .map(key -> key.name() + " " + key.type() + " " + key.defaultValue() + " " + key.required()).toList();

        assertEquals(List.of(
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL STRING null true",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM CSV null false",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS NUMBER 2000 false",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT STRING picoclaw false",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN SECRET null false"), keys);
        assertEquals(List.of(ConfigType.SECRET), factory.configKeys().stream()
                .filter(ConfigKey::secret).map(ConfigKey::type).toList());
    }

    @Test
    void missingUrlIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> create(Map.of(URL, "  ")));

        assertEquals("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is required when whatsapp channel is enabled",
                error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3001", "localhost:3001", "wss:/host", "WS://localhost:3001"})
    void urlWithoutWsSchemeIsRefused(String url) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> create(Map.of(URL, url)));

        assertEquals("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://", error.getMessage());
    }

    @Test
    void unparsableUrlIsRefusedWithAHint() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> create(Map.of(URL, "ws://local host:3001")));

        assertEquals("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is not a valid URL (Illegal character in authority);"
                + " use e.g. ws://localhost:3001", error.getMessage());
    }

    @Test
    void unknownDialectIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> create(Map.of(URL, "ws://localhost:3001", DIALECT, " Baileys ")));

        assertEquals("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got 'baileys')",
                error.getMessage());
    }

    @Test
    void urlIsCheckedBeforeDialect() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> create(Map.of(URL, "http://x", DIALECT, "nope")));

        assertEquals("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://", error.getMessage());
    }

    @Test
    void dialectIsTrimmedAndLowercased() {
        WhatsAppSettings settings = WhatsAppSettings.read(new MapPluginConfig(
                Map.of(URL, "ws://localhost:3001", DIALECT, "  NanoBot ")));

        assertInstanceOf(NanobotDialect.class, settings.dialect());
    }

    @Test
    void dialectDefaultsToPicoClaw() {
        WhatsAppSettings settings = WhatsAppSettings.read(new MapPluginConfig(Map.of(URL, "wss://bridge.example:443/ws")));

        assertInstanceOf(PicoClawDialect.class, settings.dialect());
    }

    @Test
    void startEventFieldsAreTheSpecDefaults() {
        try (Channel channel = create(Map.of(URL, "ws://localhost:3001"))) {
            assertEquals(Map.of("allow_from_count", 0, "bridge_url", "ws://localhost:3001", "reconnect_ms", 2000L),
                    channel.startEventFields());
        }
    }

    @Test
    void startEventFieldsReflectTheSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(URL, " ws://localhost:3001 ");
        settings.put("RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", "alice, bob,,");
        settings.put("RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "4000");
        try (Channel channel = create(settings)) {
            assertEquals(Map.of("allow_from_count", 2, "bridge_url", "ws://localhost:3001", "reconnect_ms", 4000L),
                    channel.startEventFields());
        }
    }

    @Test
    void bridgeTokenAppearsNowhereVisible() {
        Map<String, String> settings = Map.of(URL, "ws://localhost:3001", DIALECT, "nanobot",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "tok-s3cret");
        WhatsAppSettings read = WhatsAppSettings.read(new MapPluginConfig(settings));
        try (Channel channel = create(settings)) {
            assertFalse(channel.toString().contains("tok-s3cret"));
            assertFalse(channel.startEventFields().toString().contains("tok-s3cret"));
            assertFalse(read.toString().contains("tok-s3cret"));
        }
    }

    @Test
    void closingAnUnstartedChannelIsHarmlessAndIdempotent() {
        Channel channel = create(Map.of(URL, "ws://localhost:3001"));

        channel.close();
        channel.close();

        assertEquals(List.of(), events.lines());
    }

    @Test
    void closingAChannelRightAfterCreatingItLeavesNoThread() throws Exception {
        for (int i = 0; i < 5; i++) {
            create(Map.of(URL, "ws://localhost:3001")).close();
        }

        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aClientThatCannotStartFailsTheChannelStartAndLeavesNoThread() throws Exception {
        WhatsAppChannel channel = factory.create(TestContext.of(Map.of(URL, "wss://127.0.0.1:3001/"), events),
                ChannelHarness.TIMINGS, Optional.of(SSLContext.getInstance("TLS")), () -> 0.0);
        try (ReplyingSink sink = new ReplyingSink()) {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> channel.start(sink));

            assertTrue(error.getMessage().startsWith("cannot start the websocket client: "), error.getMessage());
        } finally {
            channel.close();
        }
        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
        assertEquals(List.of(), events.lines());
    }
}
