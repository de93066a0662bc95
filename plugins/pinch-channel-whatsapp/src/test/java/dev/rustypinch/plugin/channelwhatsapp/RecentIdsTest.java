package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {
    @Test
    void anIdSeenBeforeIsADuplicate() {
        RecentIds ids = new RecentIds(RecentIds.DEFAULT_CAPACITY);

        assertTrue(ids.firstSighting("m1"));
        assertFalse(ids.firstSighting("m1"));
        assertTrue(ids.firstSighting("m2"));
    }

    @Test
    void onlyTheLastThousandIdsAreRemembered() {
        RecentIds ids = new RecentIds(RecentIds.DEFAULT_CAPACITY);
        for (int i = 0; i < 1000; i++) {
            assertTrue(ids.firstSighting("m" + i));
        }
        assertFalse(ids.firstSighting("m0"), "m0 is still among the last 1000");

        assertTrue(ids.firstSighting("m1000"));

        assertTrue(ids.firstSighting("m0"), "m0 fell out when m1000 arrived");
        assertFalse(ids.firstSighting("m999"));
    }
}
