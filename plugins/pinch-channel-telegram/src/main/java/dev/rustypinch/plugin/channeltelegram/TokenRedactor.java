package dev.rustypinch.plugin.channeltelegram;

import dev.rustypinch.api.Secret;

/** Removes the bot token from any text that might have picked it up, e.g. from a URL. */
final class TokenRedactor {
    private static final String REDACTED = "<redacted>";
    /** Shorter fragments are too likely to be ordinary text to be worth replacing. */
    private static final int MIN_FRAGMENT = 6;

    private final String token;
    private final String secretPart;

    TokenRedactor(Secret token) {
        this.token = token.reveal();
        int colon = this.token.indexOf(':');
        this.secretPart = colon >= 0 ? this.token.substring(colon + 1) : this.token;
    }

    /** The text with {@code bot<token>} shown as {@code bot<redacted>} and any other trace of the token removed. */
    String redact(String text) {
        if (text == null || token.isEmpty()) {
            return text;
        }
        String redacted = text.replace(token, REDACTED);
        if (secretPart.length() >= MIN_FRAGMENT) {
            redacted = redacted.replace(secretPart, REDACTED);
        }
        return redacted;
    }
}
