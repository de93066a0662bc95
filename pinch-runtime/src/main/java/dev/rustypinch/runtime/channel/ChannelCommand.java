package dev.rustypinch.runtime.channel;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.ReplyOutcome;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.app.SignalTrap;
import dev.rustypinch.runtime.bus.MessageBus;
import dev.rustypinch.runtime.config.WebSettings;
import dev.rustypinch.runtime.plugin.LoadedPlugin;
import dev.rustypinch.runtime.turn.TurnPipeline;
import dev.rustypinch.runtime.turn.TurnResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * {@code channels <name>}: a long-running worker (SPEC §11–§13). The channel plugin pushes messages into the bus,
 * bus workers run turns and send replies, and a stop — a signal or {@code --max-messages} — drains the worker in
 * the order the SPEC gives: stop intake, discard queued messages, finish running turns, close the channel (which
 * commits and acknowledges), flush the bus counters, {@code channel_stop}.
 */
public final class ChannelCommand {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(25);
    private static final long FLUSH_INTERVAL_SECONDS = 30;

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
        BusTelemetry busTelemetry = new BusTelemetry(channelName, app.clock());
        TurnPipeline pipeline = app.pipeline(busTelemetry::takeDelta, busTelemetry::restore);
        MessageBus bus = new MessageBus(app.settings().busCapacity(), app.settings().busOverflow(), MessageBus.DEFAULT_WORKERS, MessageBus.DEFAULT_BLOCK_TIMEOUT,
                app.events(), message -> handle(pipeline, channel, message));
        busTelemetry.attach(bus);
        if (maxMessages > 0) {
            bus.setAcceptLimit(maxMessages);
        }
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bus-telemetry-flush");
            thread.setDaemon(true);
            return thread;
        });
        try {
            app.events().emit("channel_start", startEvent(channelName, channel, maxMessages));
            flusher.scheduleAtFixedRate(() -> busTelemetry.flushTo(app.telemetry()),
                    FLUSH_INTERVAL_SECONDS, FLUSH_INTERVAL_SECONDS, TimeUnit.SECONDS);
            start(channelName, channel, countingSink(bus, maxMessages));
            String reason = awaitStop();
            drain(channel, bus);
            flusher.shutdownNow();
            app.telemetry().flushBus(busTelemetry.finalDelta());
            Map<String, Object> stop = new TreeMap<>();
            stop.put("channel", channelName);
            stop.put("reason", reason);
            app.events().emit("channel_stop", stop);
            return 0;
        } finally {
            flusher.shutdownNow();
            bus.close();
            channel.close();
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
    private InboundSink countingSink(MessageBus bus, long maxMessages) {
        AtomicLong processed = new AtomicLong();
        return (message, listener) -> bus.publish(message, outcome -> {
            listener.finished(outcome);
            boolean finished = outcome == DeliveryOutcome.PROCESSED || outcome == DeliveryOutcome.DROPPED;
            if (finished && maxMessages > 0 && processed.incrementAndGet() == maxMessages) {
                stopReason.complete("max_messages");
            }
        });
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
