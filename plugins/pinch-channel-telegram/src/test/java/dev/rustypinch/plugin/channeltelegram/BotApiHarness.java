package dev.rustypinch.plugin.channeltelegram;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;

/**
 * A fake Bot API on 127.0.0.1, the recorder of events, and channels built against them; closes
 * everything it made.
 */
final class BotApiHarness implements AutoCloseable {
    static final String TOKEN = "123456:ABC-secret_token";
    static final String SECRET_PART = "ABC-secret_token";

    final FakeBotApi api = new FakeBotApi(TOKEN);
    final MockWebServer server = new MockWebServer();
    final RecordingEvents events = new RecordingEvents();
    final List<Duration> sleeps = new ArrayList<>();
    final Map<String, String> environment = new HashMap<>();
    private final Path dataDirectory;
    private final List<TelegramChannel> channels = new ArrayList<>();
    private final List<EchoSink> sinks = new ArrayList<>();

    BotApiHarness(Path dataDirectory) throws IOException {
        this.dataDirectory = dataDirectory;
        server.setDispatcher(api);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        environment.put(TelegramSettings.TOKEN, TOKEN);
        environment.put(TelegramSettings.API_BASE, server.url("/").toString());
        environment.put(TelegramSettings.POLL_TIMEOUT_SECS, "1");
        environment.put(TelegramSettings.POLL_INTERVAL_MS, "10");
        environment.put(TelegramSettings.REQUEST_TIMEOUT_SECS, "5");
    }

    TestPluginContext context() {
        return new TestPluginContext(environment, events, dataDirectory);
    }

    /** A channel whose send retries record their waits instead of sleeping. */
    TelegramChannel channel() {
        TelegramChannel channel = new TelegramChannel(TelegramSettings.from(context().config()), context(), duration -> {
            synchronized (sleeps) {
                sleeps.add(duration);
            }
        });
        channels.add(channel);
        return channel;
    }

    /** A started channel whose turns run in {@code sink}. */
    TelegramChannel start(EchoSink sink) {
        TelegramChannel channel = channel();
        sink.attach(channel);
        sinks.add(sink);
        channel.start(sink);
        return channel;
    }

    Path offsetFile() {
        return dataDirectory.resolve("channels").resolve("telegram").resolve("offset.json");
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        stopAndClose();
        api.close();
        server.close();
    }

    /** Stops like the runtime: stop receiving, let running turns finish, then close the channels. */
    void stopAndClose() {
        channels.forEach(TelegramChannel::stopReceiving);
        sinks.forEach(EchoSink::close);
        channels.forEach(TelegramChannel::close);
    }
}
