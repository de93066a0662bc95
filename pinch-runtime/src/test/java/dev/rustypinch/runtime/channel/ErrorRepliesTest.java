package dev.rustypinch.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorRepliesTest {
    @Test
    void shortMessagesAreKeptWhole() {
        assertEquals("Rusty Pinch error: request_id=rp-1-1: boom", ErrorReplies.of("request_id=rp-1-1: boom"));
        String exactly = "x".repeat(600);
        assertEquals("Rusty Pinch error: " + exactly, ErrorReplies.of(exactly));
    }

    @Test
    void longerMessagesAreCutToSixHundredCodePointsWithAnEllipsis() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(601);
        assertEquals("Rusty Pinch error: " + emoji.repeat(600) + "...", ErrorReplies.of(text));
    }
}
