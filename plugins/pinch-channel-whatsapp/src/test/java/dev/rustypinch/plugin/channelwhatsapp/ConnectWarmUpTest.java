package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectWarmUpTest {
    @Test
    void theWarmUpReachesEveryPartItMeansToSetUp() {
        // -1 would mean a Jetty upgrade broke a call and the warm-up silently stopped warming.
        assertTrue(ConnectWarmUp.run() > 0);
    }
}
