package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of the Bot API calls, one per time limit, sharing one connection pool and dispatcher.
 *
 * @param base the client the others derive from; owns the shared pool and dispatcher
 * @param poll long polls: {@link TelegramSettings#pollCallLimit()}
 * @param send {@code sendMessage}: {@link TelegramSettings#sendCallLimit()}
 * @param ack  the final acknowledgement: {@link TelegramBotApi#ACK_CALL_LIMIT}
 */
record BotApiClients(OkHttpClient base, OkHttpClient poll, OkHttpClient send, OkHttpClient ack) {
    BotApiClients {
        requireNonNull(base, "base is null");
        requireNonNull(poll, "poll is null");
        requireNonNull(send, "send is null");
        requireNonNull(ack, "ack is null");
    }

    /**
     * Builds the clients. With {@code tls} false they speak plain HTTP only, so no trust store and no TLS context are
     * set up; with {@code tls} true OkHttp loads the JDK's trust store and creates its TLS context here, which takes
     * 0.1–0.3 s.
     */
    static BotApiClients build(TelegramSettings settings, boolean tls) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO);
        if (!tls) {
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        OkHttpClient base = builder.build();
        return new BotApiClients(base,
                base.newBuilder().callTimeout(settings.pollCallLimit()).build(),
                base.newBuilder().callTimeout(settings.sendCallLimit()).build(),
                base.newBuilder().callTimeout(TelegramBotApi.ACK_CALL_LIMIT).build());
    }

    /** Cancels running calls, stops the dispatcher's threads and closes pooled connections. */
    void close() {
        base.dispatcher().cancelAll();
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
