package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Which {@code Origin}s may call (SPEC §20.2): the page's own origin (same host and port as the request's
 * {@code Host}, {@code http} or {@code https} so that a TLS proxy in front changes nothing) and those listed in
 * {@code RUSTY_PINCH_CHANNELS_WEB_ALLOW_ORIGINS}.
 */
final class OriginPolicy {
    private final List<String> allowed;

    OriginPolicy(List<String> allowed) {
        this.allowed = List.copyOf(requireNonNull(allowed, "allowed is null"));
    }

    boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        String normalised = origin.toLowerCase(Locale.ROOT);
        String authority = host.toLowerCase(Locale.ROOT);
        return normalised.equals("http://" + authority) || normalised.equals("https://" + authority);
    }

    boolean isListed(String origin) {
        return allowed.contains(origin.toLowerCase(Locale.ROOT));
    }
}
