package dev.rustypinch.plugin.channeltelegram;

import static dev.rustypinch.plugin.channeltelegram.BotApiHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the HTTP clients are made: no TLS for a plain-HTTP Bot API, TLS set up off the start-up path for HTTPS. */
class TelegramClientSetupTest {
    private static final String TRUST_STORE = "javax.net.ssl.trustStore";

    @TempDir
    Path dataDirectory;

    private BotApiHarness harness;

    @BeforeEach
    void startFakeApi() throws Exception {
        harness = new BotApiHarness(dataDirectory);
    }

    @AfterEach
    void stopFakeApi() {
        harness.close();
    }

    private TelegramSettings settings() {
        return TelegramSettings.from(harness.context().config());
    }

    private static boolean setupThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(ClientSetup.THREAD) && thread.isAlive());
    }

    private static String closedHttpsBase() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "https://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void plainHttpClientsSpeakCleartextOnlyAndHaveNoTls() throws Exception {
        ClientSetup setup = new ClientSetup(settings(), false);
        OkHttpClient client = setup.clients().poll();

        assertEquals(List.of(ConnectionSpec.CLEARTEXT), client.connectionSpecs());
        assertThrows(IllegalStateException.class, client::sslSocketFactory);
        setup.close();
        assertFalse(setupThreadAlive());
    }

    @Test
    void httpsClientsGetTheJdkTrustStoreAndCloseLeavesNoSetupThread() throws Exception {
        ClientSetup setup = new ClientSetup(settings(), true);
        OkHttpClient client = setup.clients().send();

        assertNotNull(client.sslSocketFactory());
        assertNotNull(client.x509TrustManager());
        assertTrue(client.x509TrustManager().getAcceptedIssuers().length > 0, "the JDK's CA certificates are trusted");
        assertTrue(client.connectionSpecs().contains(ConnectionSpec.MODERN_TLS));
        setup.close();
        setup.close();
        assertFalse(setupThreadAlive());
    }

    @Test
    void firstPollOfAnHttpsApiWaitsForTheTlsSetupThenConnects() throws Exception {
        harness.environment.put(TelegramSettings.API_BASE, closedHttpsBase());
        harness.start(EchoSink.processingAll());
        await("the error", () -> !harness.events.lines("channel_poll_error").isEmpty());

        String line = harness.events.lines("channel_poll_error").get(0);
        assertTrue(line.startsWith("{\"channel\":\"telegram\",\"error\":\"telegram getUpdates failed: io_error=ConnectException: "),
                line);
    }

    @Test
    void closingAChannelRightAfterCreatingItWaitsForTheSetupThread() throws Exception {
        harness.environment.put(TelegramSettings.API_BASE, closedHttpsBase());
        TelegramChannel channel = harness.channel();
        channel.close();

        assertFalse(setupThreadAlive());
    }

    @Test
    void failedTlsSetupIsReportedByEveryCallThatNeedsIt() throws Exception {
        Path corrupt = Files.writeString(dataDirectory.resolve("corrupt-truststore.p12"), "not a key store",
                StandardCharsets.UTF_8);
        String previous = System.getProperty(TRUST_STORE);
        System.setProperty(TRUST_STORE, corrupt.toString());
        try {
            harness.environment.put(TelegramSettings.API_BASE, closedHttpsBase());
            TelegramChannel channel = harness.start(EchoSink.processingAll());
            await("the poll error", () -> !harness.events.lines("channel_poll_error").isEmpty());
            channel.send(new OutboundMessage("5", "hi", new InboundMessage("telegram", "5", "5", "q", Optional.of("1"))));

            String detail = "io_error=KeyStoreException: problem accessing trust store";
            assertEquals("{\"channel\":\"telegram\",\"error\":\"telegram getUpdates failed: " + detail
                    + "\",\"event\":\"channel_poll_error\"}", harness.events.lines("channel_poll_error").get(0));
            assertEquals(List.of("{\"channel\":\"telegram\",\"chat_id\":\"5\",\"error\":\"telegram sendMessage failed: " + detail
                    + "\",\"event\":\"channel_send_error\"}"), harness.events.lines("channel_send_error"));
        } finally {
            harness.stopAndClose();
            if (previous == null) {
                System.clearProperty(TRUST_STORE);
            } else {
                System.setProperty(TRUST_STORE, previous);
            }
        }
    }
}
