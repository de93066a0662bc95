package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgeClientTest {
    private static BridgeClient started(String url) throws Exception {
        BridgeClient client = BridgeClient.create(URI.create(url), ChannelHarness.TIMINGS, Optional.empty(), Duration.ofSeconds(2));
        client.start();
        return client;
    }

    @Test
    void aPlainBridgeClientHasNoTls() throws Exception {
        BridgeClient client = started("ws://127.0.0.1:3001/");
        try {
            assertFalse(client.hasTls());
        } finally {
            client.stop();
        }
        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aSecureBridgeClientHasTls() throws Exception {
        BridgeClient client = started("wss://127.0.0.1:3001/");
        try {
            assertTrue(client.hasTls());
        } finally {
            client.stop();
        }
        ChannelHarness.assertNoChannelThreadsWithin(Duration.ofSeconds(5));
    }

    @Test
    void theSchemeIsMatchedWithoutCase() {
        assertTrue(BridgeClient.isSecure(URI.create("WSS://bridge.example/")));
        assertFalse(BridgeClient.isSecure(URI.create("ws://bridge.example/")));
    }
}
