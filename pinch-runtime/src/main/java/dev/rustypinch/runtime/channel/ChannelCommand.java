package dev.rustypinch.runtime.channel;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.ReplyOutcome;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.app.SignalTrap;
import dev.rustypinch.runtime.bus.MessageBus;
import dev.rustypinch.runtime.inbox.InboxJournal;
import dev.rustypinch.runtime.inbox.InboxJournalException;
import dev.rustypinch.runtime.inbox.JournalEntry;
import dev.rustypinch.runtime.inbox.JournaledSink;
import dev.rustypinch.runtime.config.WebSettings;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.telemetry.TelemetryWriter;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * {@code channels <name>}: a long-running worker (SPEC §11–§13). The channel plugin pushes messages into the bus,
 * bus workers run turns and send replies, and a stop — a signal or {@code --max-messages} — drains the worker in
 * the order the SPEC gives: stop intake, discard queued messages, finish running turns, close the channel (which
 * commits and acknowledges), write the pending telemetry with the final bus counters, {@code channel_stop}.
 *
 * <p>Unless the channel says its source redelivers, its messages go through the channel's inbox journal (SPEC §22):
 * journaled before they enter the bus, finished after; the messages an earlier run left unfinished are queued before
 * the channel starts, and discarded ones stay in the journal for the next start.
 */
public final class ChannelCommand {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(25);
    private static final Duration BUS_FLUSH_INTERVAL = Duration.ofSeconds(30);

    private final Application app;
    private final CompletableFuture<String> stopReason = new CompletableFuture<>();

    public ChannelCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    /**
     * @param maxMessages the {@code --max-messages} bound, or 0 for none
     */
    public int execute(String channelName, long maxMessages) throws CommandException {
        new SignalTrap().install(this::onSignal);
        Optional<String> problem = ChannelPreconditions.settingsProblem(channelName, app.settings(),
                WebSettings.from(app.environment()));
        if (problem.isPresent()) {
            throw new CommandException(problem.get());
        }
        LoadedPlugin plugin = app.plugins().channelPlugin(channelName)
                .orElseThrow(() -> new CommandException(ChannelPreconditions.notAvailable(channelName)));
        Channel channel;
        try {
            channel = plugin.createChannel(channelName, app.pluginContext(plugin), maxMessages);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        } catch (RuntimeException e) {
            throw startFailure(channelName, e);
        }
        Optional<InboxJournal> journal;
        try {
            journal = openJournal(channelName, channel);
        } catch (CommandException e) {
            channel.close();
            throw e;
        }
        BusTelemetry busTelemetry = new BusTelemetry(channelName, app.clock());
        TelemetryWriter telemetry = new TelemetryWriter(app.telemetry(), busTelemetry::takeDelta, busTelemetry::restore,
                BUS_FLUSH_INTERVAL);
        TurnPipeline pipeline = app.pipeline(telemetry);
        AtomicLong finishedCount = new AtomicLong();
        StartHook starts = new StartHook();
        MessageBus bus = new MessageBus(app.settings().busCapacity(), app.settings().busOverflow(), MessageBus.DEFAULT_WORKERS, MessageBus.DEFAULT_BLOCK_TIMEOUT,
                app.events(), message -> {
                    starts.accept(message);
                    handle(pipeline, channel, message);
                });
        busTelemetry.attach(bus);
        if (maxMessages > 0) {
            bus.setAcceptLimit(maxMessages);
        }
        try {
            app.events().emit("channel_start", startEvent(channelName, channel, maxMessages));
            InboundSink sink = (message, listener) -> bus.publish(message, counting(listener, finishedCount, maxMessages));
            if (journal.isPresent()) {
                JournaledSink journaled = new JournaledSink(journal.get(), sink);
                starts.delegate = journaled::starting;
                requeue(channelName, journal.get(), journaled, channel, bus, finishedCount, maxMessages);
                sink = journaled;
            }
            app.runTimeTools().connectInBackground(); // MCP servers connect on their own threads (SPEC §19.3)
            start(channelName, channel, sink);
            String reason = awaitStop();
            drain(channel, bus);
            telemetry.close(busTelemetry::finalDelta);
            Map<String, Object> stop = new TreeMap<>();
            stop.put("channel", channelName);
            stop.put("reason", reason);
            app.events().emit("channel_stop", stop);
            return 0;
        } finally {
            telemetry.close();
            bus.close();
            channel.close();
            journal.ifPresent(InboxJournal::close);
        }
    }

    /** The channel's inbox journal, locked for this worker; none when the channel's source redelivers. */
    private Optional<InboxJournal> openJournal(String channelName, Channel channel) throws CommandException {
        boolean redelivers;
        try {
            redelivers = channel.sourceRedelivers();
        } catch (RuntimeException e) {
            throw startFailure(channelName, e);
        }
        if (redelivers) {
            return Optional.empty();
        }
        try {
            return Optional.of(InboxJournal.open(app.dataDir(), channelName, app.events()));
        } catch (InboxJournalException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /**
     * Queues the messages an earlier run left unfinished, before the channel starts (SPEC §22); the channel learns of
     * each one through {@link Channel#resumed}.
     */
    private void requeue(String channelName, InboxJournal journal, JournaledSink sink, Channel channel, MessageBus bus,
                         AtomicLong finishedCount, long maxMessages) throws CommandException {
        if (stopReason.isDone()) {
            return;
        }
        for (JournalEntry entry : journal.recover()) {
            DeliveryListener resumed;
            try {
                resumed = channel.resumed(entry.message());
            } catch (RuntimeException e) {
                throw startFailure(channelName, e);
            }
            bus.enqueueRecovered(entry.message(), sink.replay(entry, counting(resumed, finishedCount, maxMessages)));
        }
    }

    /**
     * Starts receiving unless a signal already asked for a stop: then nothing is received, so no turn starts after
     * the signal. A channel that fails to start is a command error, not a crash.
     */
    private void start(String channelName, Channel channel, InboundSink sink) throws CommandException {
        if (stopReason.isDone()) {
            return;
        }
        try {
            channel.start(sink);
        } catch (RuntimeException e) {
            throw startFailure(channelName, e);
        }
    }

    private static CommandException startFailure(String channelName, RuntimeException e) {
        return new CommandException("channel '" + channelName + "' failed to start: " + e.getClass().getSimpleName() + ": "
                + e.getMessage() + "; see 'rusty-pinch plugins list'");
    }

    private void onSignal(String word) {
        app.events().emitLiteral("{\"event\":\"channel_signal\",\"signal\":\"" + word + "\",\"action\":\"graceful_stop\"}");
        stopReason.complete("signal");
    }

    private Map<String, Object> startEvent(String channelName, Channel channel, long maxMessages) throws CommandException {
        Map<String, Object> fields;
        try {
            fields = new TreeMap<>(channel.startEventFields());
        } catch (RuntimeException e) {
            throw startFailure(channelName, e);
        }
        fields.put("channel", channelName);
        fields.put("max_messages", maxMessages > 0 ? maxMessages : null);
        return fields;
    }

    /**
     * Counts finished messages for {@code --max-messages}; the channel's own listener always runs first. A message
     * the bus dropped counts too: it was one of the N accepted and will never be processed.
     */
    private DeliveryListener counting(DeliveryListener listener, AtomicLong finishedCount, long maxMessages) {
        return outcome -> {
            listener.finished(outcome);
            boolean finished = outcome == DeliveryOutcome.PROCESSED || outcome == DeliveryOutcome.DROPPED;
            if (finished && maxMessages > 0 && finishedCount.incrementAndGet() == maxMessages) {
                stopReason.complete("max_messages");
            }
        };
    }

    /** Tells the inbox journal, once it is known, that a message's turn starts. */
    private static final class StartHook implements Consumer<InboundMessage> {
        private volatile Consumer<InboundMessage> delegate = message -> { };

        @Override
        public void accept(InboundMessage message) {
            delegate.accept(message);
        }
    }

    private static void handle(TurnPipeline pipeline, Channel channel, InboundMessage message) {
        TurnResult result = pipeline.run(message.sessionId(), message.text());
        String reply = result.ok() ? result.reply().orElseThrow() : ErrorReplies.of(result.errorText());
        channel.send(new OutboundMessage(message.chatId(), reply, message, Optional.of(outcome(result))));
    }

    /** The turn's outcome for channels that answer a request (API 1.1): the error uncut, unlike the reply text. */
    static ReplyOutcome outcome(TurnResult result) {
        return new ReplyOutcome(result.requestId(), result.ok() ? Optional.empty() : Optional.of(result.errorText()));
    }

    private String awaitStop() {
        while (true) {
            try {
                return stopReason.get();
            } catch (InterruptedException e) {
                stopReason.complete("signal");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void drain(Channel channel, MessageBus bus) {
        channel.stopReceiving();
        bus.stopAccepting();
        bus.discardQueued();
        if (!bus.awaitIdle(DRAIN_TIMEOUT)) {
            LoggerFactory.getLogger(ChannelCommand.class).warn("running turns did not finish within {} s", DRAIN_TIMEOUT.toSeconds());
        }
        channel.close();
    }
}
