package dev.rustypinch.plugin.channeltelegram;

import java.time.Duration;

/** Waits between delivery attempts; tests substitute one that does not really wait. */
@FunctionalInterface
interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
