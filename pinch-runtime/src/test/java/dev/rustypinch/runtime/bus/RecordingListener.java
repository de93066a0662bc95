package dev.rustypinch.runtime.bus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link DeliveryListener} that keeps every outcome it is told and lets a test wait for the first. */
final class RecordingListener implements DeliveryListener {
    private final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public void finished(DeliveryOutcome outcome) {
        outcomes.add(outcome);
        finished.countDown();
    }

    /** Waits for the outcome, failing the test after 30 s (generous: the first WARN starts Log4j, slow on a loaded machine). */
    DeliveryOutcome await() throws InterruptedException {
        assertTrue(finished.await(30, TimeUnit.SECONDS), "no delivery outcome within 30 s");
        return outcomes.get(0);
    }

    /** Every outcome told so far (exactly one once finished). */
    List<DeliveryOutcome> outcomes() {
        return List.copyOf(outcomes);
    }
}
