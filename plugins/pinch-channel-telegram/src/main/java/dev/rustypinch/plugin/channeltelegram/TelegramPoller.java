package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-poll loop (SPEC §12.2–§12.4), run on the {@code telegram-poller} thread until
 * {@link #stop()} or until the sink refuses a message.
 */
final class TelegramPoller implements Runnable {

    private final TelegramBotApi api;
    private final UpdateFilter filter;
    private final OffsetTracker tracker;
    private final TelegramEvents events;
    private final InboundSink sink;
    private final long pollIntervalMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int consecutiveFailures;

    TelegramPoller(TelegramBotApi api, UpdateFilter filter, OffsetTracker tracker, TelegramEvents events,
            InboundSink sink, long pollIntervalMs) {
        this.api = requireNonNull(api, "api is null");
        this.filter = requireNonNull(filter, "filter is null");
        this.tracker = requireNonNull(tracker, "tracker is null");
        this.events = requireNonNull(events, "events is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.pollIntervalMs = pollIntervalMs;
    }

    @Override
    public void run() {
        boolean accepting = true;
        while (accepting && !isStopped()) {
            List<JsonNode> updates;
            try {
                updates = api.getUpdates(tracker.pollCursor());
            } catch (BotApiException e) {
                if (isStopped()) {
                    break;
                }
                consecutiveFailures++;
                events.pollError(e.getMessage());
                pause(PollBackoff.delay(pollIntervalMs, consecutiveFailures, e.retryAfter()));
                continue;
            }
            consecutiveFailures = 0;
            if (updates.isEmpty()) {
                pause(Duration.ofMillis(pollIntervalMs));
            } else {
                accepting = handle(updates);
            }
        }
    }

    /** Stops the loop: no more publishing, waits end at once. The caller cancels the poll. */
    void stop() {
        stopped.countDown();
    }

    /** @return false when the sink refused a message: publish nothing more */
    private boolean handle(List<JsonNode> updates) {
        List<JsonNode> ordered = new ArrayList<>(updates);
        ordered.sort(Comparator.comparingLong(UpdateFilter::updateId));
        for (JsonNode update : ordered) {
            if (isStopped()) {
                return false;
            }
            long updateId = UpdateFilter.updateId(update);
            if (!tracker.receive(updateId)) {
                continue;
            }
            Optional<InboundMessage> message = filter.accept(update);
            if (message.isEmpty()) {
                tracker.finish(updateId);
            } else if (!sink.publish(message.get(), outcome -> finished(updateId, outcome))) {
                log().debug("telegram update {} refused by the runtime; publishing stops", updateId);
                return false;
            }
        }
        return true;
    }

    private void finished(long updateId, DeliveryOutcome outcome) {
        if (outcome != DeliveryOutcome.DISCARDED) {
            tracker.finish(updateId);
        }
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(TelegramPoller.class);
    }
}
