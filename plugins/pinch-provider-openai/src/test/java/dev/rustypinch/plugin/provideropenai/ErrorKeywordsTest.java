package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ProviderException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorKeywordsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "rate limit exceeded",
        "Service temporarily down",
        "upstream timeout",
        "request timed out",
        "please TRY AGAIN",
        "model is overloaded",
        "Service Unavailable"})
    void messagesWithATransientKeywordAreTransient(String message) {
        assertEquals(Kind.TRANSIENT, ErrorKeywords.classify(message));
    }

    @Test
    void rateLimitExceededPleaseTryAgainLaterIsTransient() {
        assertEquals(Kind.TRANSIENT, ErrorKeywords.classify("Rate limit exceeded, please try again later"));
    }

    @Test
    void invalidApiKeyIsPermanent() {
        assertEquals(Kind.PERMANENT, ErrorKeywords.classify("invalid api key"));
    }

    @Test
    void emptyMessageIsPermanent() {
        assertEquals(Kind.PERMANENT, ErrorKeywords.classify(""));
    }
}
