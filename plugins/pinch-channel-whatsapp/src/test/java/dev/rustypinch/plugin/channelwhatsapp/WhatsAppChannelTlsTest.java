package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss://} against a bridge with a self-signed certificate made at test time. */
class WhatsAppChannelTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BridgeTimings TIMINGS = new BridgeTimings(Duration.ofSeconds(30), Duration.ofSeconds(90),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(3));

    @TempDir
    static Path directory;
    private static SelfSignedCertificate certificate;
    private static FakeBridge bridge;

    @BeforeAll
    static void startTlsBridge() throws Exception {
        certificate = SelfSignedCertificate.generate(directory);
        bridge = FakeBridge.startTls(certificate.keyStore(), certificate.password());
    }

    @AfterAll
    static void stopTlsBridge() throws Exception {
        bridge.close();
    }

    private WhatsAppChannel channel(RecordingEvents events, ReplyingSink sink, Optional<SSLContext> tls) {
        Map<String, String> settings = Map.of("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", bridge.uri().toString(),
                "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", "250");
        WhatsAppChannel channel = new WhatsAppChannelFactory().create(TestContext.of(settings, events), TIMINGS, tls,
                () -> 0.0);
        sink.bind(channel);
        return channel;
    }

    @Test
    void wssBridgeWithATrustedCertificateRoundTrips() throws Exception {
        RecordingEvents events = new RecordingEvents();
        int peers = bridge.peers.size();
        try (ReplyingSink sink = new ReplyingSink();
             WhatsAppChannel channel = channel(events, sink, Optional.of(certificate.trustingContext()))) {
            assertTrue(bridge.uri().toString().startsWith("wss://127.0.0.1:"));
            channel.start(sink);

            bridge.awaitPeer(peers).send("{\"type\":\"message\",\"from\":\"u\",\"content\":\"secure ping\"}");

            assertEquals("{\"content\":\"echo:secure ping\",\"to\":\"u\",\"type\":\"message\"}", bridge.nextFrame());
            assertEquals("{\"channel\":\"whatsapp\",\"event\":\"channel_connected\"}", events.lines().get(0));
        }
    }

    @Test
    void untrustedCertificateIsAConnectError() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (ReplyingSink sink = new ReplyingSink(); WhatsAppChannel channel = channel(events, sink, Optional.empty())) {
            channel.start(sink);

            events.awaitCount("channel_connect_error", 1, WAIT);

            String line = events.linesNamed("channel_connect_error").get(0);
            assertTrue(line.startsWith("{\"channel\":\"whatsapp\",\"error\":\"websocket connect failed: "), line);
            assertTrue(events.named("channel_connected").isEmpty());
        }
    }
}
