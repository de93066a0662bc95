package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time: both sides are hashed to SHA-256 first, so neither
 * the token's content nor its length shows in the comparison time.
 */
final class BearerToken {
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    BearerToken(Secret token) {
        requireNonNull(token, "token is null");
        this.expected = sha256(token.reveal());
    }

    /** Whether the {@code Authorization} header value (may be null) carries the token. */
    boolean accepts(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).strip() : "";
        return MessageDigest.isEqual(expected, sha256(presented)) && !presented.isEmpty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[<redacted>]";
    }
}
