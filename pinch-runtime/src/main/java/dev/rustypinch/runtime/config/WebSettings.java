package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The web channel settings the runtime itself checks (SPEC §20.1): the {@code channels web} preconditions and the
 * doctor warnings. The plugin reads its full configuration through its own declared keys.
 *
 * @param enabled      {@code RUSTY_PINCH_CHANNELS_WEB_ENABLED}
 * @param tokenPresent whether {@code RUSTY_PINCH_CHANNELS_WEB_TOKEN} is set and not blank (never the token)
 * @param listenHost   the host part of {@code RUSTY_PINCH_CHANNELS_WEB_LISTEN}, without IPv6 brackets
 */
public record WebSettings(boolean enabled, boolean tokenPresent, String listenHost) {
    public static final String ENABLED = "RUSTY_PINCH_CHANNELS_WEB_ENABLED";
    public static final String TOKEN = "RUSTY_PINCH_CHANNELS_WEB_TOKEN";
    public static final String LISTEN = "RUSTY_PINCH_CHANNELS_WEB_LISTEN";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8787";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public WebSettings {
        requireNonNull(listenHost, "listenHost is null");
    }

    public static WebSettings from(Environment env) {
        requireNonNull(env, "env is null");
        String listen = ValueRules.optionalString(env.rawOrNull(LISTEN)).orElse(DEFAULT_LISTEN);
        return new WebSettings(ValueRules.bool(env.rawOrNull(ENABLED)).orElse(false),
                ValueRules.optionalString(env.rawOrNull(TOKEN)).isPresent(), host(listen));
    }

    /** Whether the listen host is a loopback address; names other than {@code localhost} are never resolved. */
    public boolean listensOnLoopback() {
        String host = listenHost.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String host(String listen) {
        String value = UnicodeWhitespace.trim(listen);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value.substring(1) : value.substring(1, close);
        }
        int colon = value.lastIndexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
