package dev.rustypinch.runtime.turn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The system prompt (SPEC §7.3). The static section is cached under (provider, model, identity): a changed key
 * renders it and counts a miss, an unchanged key counts a hit. Thread safe.
 */
public final class PromptBuilder {
    /** The assistant's identity line. */
    public static final String IDENTITY = "You are Rusty Pinch, a pragmatic Rust-first assistant.";

    private record CacheKey(String provider, String model, String identity) {
    }

    private record CachedSection(CacheKey key, String text) {
    }

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private CachedSection cached;

    /** The whole system message: identity, a blank line, then the per-turn prompt. */
    public String systemMessage(String provider, String model, String sessionId, String userInput) {
        return IDENTITY + "\n\n" + staticSection(provider, model) + "\n\n## Session\n" + sessionId + "\n\n## User\n" + userInput;
    }

    private synchronized String staticSection(String provider, String model) {
        CacheKey key = new CacheKey(provider, model, IDENTITY);
        if (cached != null && cached.key().equals(key)) {
            hits.incrementAndGet();
            return cached.text();
        }
        misses.incrementAndGet();
        cached = new CachedSection(key, "# Rusty Pinch\n\n" + IDENTITY + "\n\nProvider: " + provider + "\nModel: " + model);
        return cached.text();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
