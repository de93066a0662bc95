package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void idsAreEpochMillisAndSequenceInLowercaseHex() {
        RequestIds ids = new RequestIds(Clock.fixed(Instant.ofEpochMilli(0x19c7a88327bL), ZoneOffset.UTC));
        assertEquals("rp-19c7a88327b-1", ids.next());
        for (int i = 2; i < 10; i++) {
            ids.next();
        }
        assertEquals("rp-19c7a88327b-a", ids.next());
    }
}
