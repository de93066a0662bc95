package dev.rustypinch.runtime.config;

import dev.rustypinch.api.UnicodeWhitespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The value rules of SPEC §2.4, shared by {@link Settings} and {@link PluginConfigView}. Every method
 * takes the raw overlay value, {@code null} when the variable is unset, and never throws on bad
 * input: an unusable value reads as absent so the caller applies its default.
 */
public final class ValueRules {
    /** The largest {@code RUSTY_PINCH_REQUEST_RETRIES} (u32). */
    public static final long MAX_U32 = 4_294_967_295L;
    /** The largest value of every other number (Java has no unsigned long). */
    public static final long MAX_U64 = Long.MAX_VALUE;

    private ValueRules() {
    }

    /** Optional string: trimmed; blank = absent. */
    public static Optional<String> optionalString(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = UnicodeWhitespace.trim(raw);
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** Path: blank after trim = absent (use the default); else the raw, untrimmed value. */
    public static Optional<String> path(String raw) {
        if (raw == null || UnicodeWhitespace.isBlank(raw)) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    /** Boolean: trimmed, lowercased {@code 1 true yes on} / {@code 0 false no off}; else absent. */
    public static Optional<Boolean> bool(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        switch (UnicodeWhitespace.trim(raw).toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on":
                return Optional.of(Boolean.TRUE);
            case "0", "false", "no", "off":
                return Optional.of(Boolean.FALSE);
            default:
                return Optional.empty();
        }
    }

    /**
     * Core number: the untrimmed value must be ASCII digits with an optional leading {@code +} and
     * at most {@code max}; anything else (whitespace, {@code -}, overflow) is absent.
     */
    public static OptionalLong coreNumber(String raw, long max) {
        if (raw == null) {
            return OptionalLong.empty();
        }
        String digits = raw.startsWith("+") ? raw.substring(1) : raw;
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            int digit = c - '0';
            if (value > (max - digit) / 10) {
                return OptionalLong.empty();
            }
            value = value * 10 + digit;
        }
        return OptionalLong.of(value);
    }

    /** Channel number: trimmed, then as {@link #coreNumber(String, long)}. */
    public static OptionalLong channelNumber(String raw, long max) {
        return raw == null ? OptionalLong.empty() : coreNumber(UnicodeWhitespace.trim(raw), max);
    }

    /** CSV list: split on {@code ,}, items trimmed, empty items dropped; unset = empty list. */
    public static List<String> csv(String raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String item = UnicodeWhitespace.trim(part);
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    /** Trimmed and lowercased ({@link Locale#ROOT}). */
    public static String lowerTrimmed(String raw) {
        return UnicodeWhitespace.trim(raw).toLowerCase(Locale.ROOT);
    }

    /** Removes every trailing {@code /}. */
    public static String stripTrailingSlashes(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(0, end);
    }
}
