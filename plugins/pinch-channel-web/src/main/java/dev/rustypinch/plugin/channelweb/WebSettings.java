package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The web channel's settings (SPEC §20.1).
 *
 * @param host          the listen host as configured, without IPv6 brackets
 * @param port          the listen port; 0 = any free port
 * @param token         the bearer token every {@code /v1/} request must carry
 * @param allowOrigins  foreign origins allowed to call the API (CORS), lowercased; empty = same origin only
 * @param turnTimeout   how long a request waits for its turn; {@link Duration#ZERO} = no limit
 */
record WebSettings(String host, int port, Secret token, List<String> allowOrigins, Duration turnTimeout) {
    static final String LISTEN = "RUSTY_PINCH_CHANNELS_WEB_LISTEN";
    static final String TOKEN = "RUSTY_PINCH_CHANNELS_WEB_TOKEN";
    static final String ALLOW_ORIGINS = "RUSTY_PINCH_CHANNELS_WEB_ALLOW_ORIGINS";
    static final String TURN_TIMEOUT_SECS = "RUSTY_PINCH_CHANNELS_WEB_TURN_TIMEOUT_SECS";
    static final String DEFAULT_LISTEN = "127.0.0.1:8787";

    WebSettings {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
        allowOrigins = List.copyOf(requireNonNull(allowOrigins, "allowOrigins is null"));
        requireNonNull(turnTimeout, "turnTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /**
     * @throws IllegalArgumentException without a token, or when the listen address is not {@code host:port}
     */
    static WebSettings from(PluginConfig config) {
        Secret token = config.secret(TOKEN)
                .orElseThrow(() -> new IllegalArgumentException("web channel requires " + TOKEN));
        String listen = config.string(LISTEN).orElse(DEFAULT_LISTEN);
        List<String> origins = config.csv(ALLOW_ORIGINS).stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
        return new WebSettings(host(listen), port(listen), token, origins, Duration.ofSeconds(config.number(TURN_TIMEOUT_SECS)));
    }

    private static String host(String listen) {
        int colon = listen.lastIndexOf(':');
        String host = colon <= 0 ? "" : listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw invalidListen(listen);
        }
        return host;
    }

    private static int port(String listen) {
        String port = listen.substring(listen.lastIndexOf(':') + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalidListen(listen);
        }
        int value = Integer.parseInt(port);
        if (value > 65535) {
            throw invalidListen(listen);
        }
        return value;
    }

    private static IllegalArgumentException invalidListen(String listen) {
        return new IllegalArgumentException(LISTEN + " must be <host>:<port>, e.g. " + DEFAULT_LISTEN + " (got '" + listen + "')");
    }

    @Override
    public String toString() {
        return "WebSettings[host=" + host + ", port=" + port + ", token=<redacted>, allowOrigins=" + allowOrigins
                + ", turnTimeout=" + turnTimeout + "]";
    }
}
