package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.PluginContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram Bot API channel (SPEC §12): long polling on the {@code telegram-poller} thread,
 * offset commits as the runtime finishes messages, chunked replies with retries.
 */
final class TelegramChannel implements Channel {
    static final String POLLER_THREAD = "telegram-poller";

    private static final long POLLER_JOIN_MILLIS = 10_000;

    private final TelegramSettings settings;
    private final TelegramEvents events;
    private final TelegramBotApi api;
    private final OffsetTracker tracker;
    private final ReplySender sender;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TelegramPoller poller;
    private volatile Thread pollerThread;

    /**
     * Loads the stored offset (no network I/O).
     *
     * @param sleeper waits between send retries
     */
    TelegramChannel(TelegramSettings settings, PluginContext context, Sleeper sleeper) {
        this.settings = requireNonNull(settings, "settings is null");
        requireNonNull(context, "context is null");
        this.events = new TelegramEvents(context.events());
        this.api = new TelegramBotApi(settings);
        OffsetFile offsetFile = new OffsetFile(context.dataDirectory(), settings.botId(), context.clock(), events);
        this.tracker = new OffsetTracker(offsetFile, offsetFile.load());
        this.sender = new ReplySender(api, ReplySplitter.telegram(), events, requireNonNull(sleeper, "sleeper is null"));
    }

    @Override
    public Map<String, Object> startEventFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("allow_from_count", settings.allowFrom().size());
        fields.put("poll_interval_ms", settings.pollIntervalMs());
        fields.put("poll_timeout_secs", settings.pollTimeoutSecs());
        return fields;
    }

    /**
     * An update the runtime queues again from its inbox journal: known to the tracker, so a redelivery is not
     * published twice and the committed offset waits for it.
     */
    @Override
    public DeliveryListener resumed(InboundMessage message) {
        Optional<Long> updateId = message.messageId().flatMap(TelegramChannel::parseUpdateId);
        if (updateId.isEmpty()) {
            return outcome -> { };
        }
        long id = updateId.get();
        tracker.resume(id);
        return outcome -> {
            if (outcome != DeliveryOutcome.DISCARDED) {
                tracker.finish(id);
            }
        };
    }

    private static Optional<Long> parseUpdateId(String messageId) {
        try {
            return Optional.of(Long.parseLong(messageId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void start(InboundSink sink) {
        requireNonNull(sink, "sink is null");
        if (stopping.get()) {
            throw new IllegalStateException("telegram channel is stopping");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("telegram channel already started");
        }
        TelegramPoller loop = new TelegramPoller(
                api, new UpdateFilter(settings.allowFrom()), tracker, events, sink, settings.pollIntervalMs());
        Thread thread = new Thread(loop, POLLER_THREAD);
        thread.setDaemon(true);
        poller = loop;
        pollerThread = thread;
        thread.start();
    }

    @Override
    public void send(OutboundMessage message) {
        try {
            sender.send(message.chatId(), message.text());
        } catch (RuntimeException e) {
            log().warn("telegram reply to chat {} failed unexpectedly", message.chatId(), e);
            events.sendError(message.chatId(), "telegram sendMessage failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stopReceiving() {
        stopping.set(true);
        TelegramPoller loop = poller;
        if (loop != null) {
            loop.stop();
        }
        api.cancelPolls();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopReceiving();
        joinPoller();
        if (tracker.committedInThisRun()) {
            try {
                api.acknowledge(tracker.committed());
            } catch (BotApiException e) {
                events.pollError(e.getMessage());
            }
        }
        api.close();
    }

    /** The committed offset, for diagnostics and tests. */
    long committedOffset() {
        return tracker.committed();
    }

    private void joinPoller() {
        Thread thread = pollerThread;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(POLLER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log().warn("telegram poller did not stop within {} ms", POLLER_JOIN_MILLIS);
        }
    }

    /** Obtained on first use only: starting the logging backend costs ~0.2 s, which quiet runs should not pay. */
    private static Logger log() {
        return LoggerFactory.getLogger(TelegramChannel.class);
    }
}
