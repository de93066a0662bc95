package dev.rustypinch.plugin.channeltelegram;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays the runtime: runs a fake turn per published message on a worker thread (reply
 * {@code echo: <text>} through {@link Channel#send}, then the listener), or ends it with the outcome
 * a test chose; refuses messages after {@code acceptLimit}.
 */
final class EchoSink implements InboundSink, AutoCloseable {
    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "echo-turn"));
    private final List<InboundMessage> published = new ArrayList<>();
    private final List<InboundMessage> finished = new ArrayList<>();
    private final Function<InboundMessage, DeliveryOutcome> outcomes;
    private final int acceptLimit;
    private final CountDownLatch gate;
    private volatile Channel channel;

    /**
     * @param outcomes    how each message ends
     * @param acceptLimit how many messages {@link #publish} accepts
     * @param gate        turns start only once it is open
     */
    EchoSink(Function<InboundMessage, DeliveryOutcome> outcomes, int acceptLimit, CountDownLatch gate) {
        this.outcomes = outcomes;
        this.acceptLimit = acceptLimit;
        this.gate = gate;
    }

    static EchoSink processingAll() {
        return new EchoSink(message -> DeliveryOutcome.PROCESSED, Integer.MAX_VALUE, new CountDownLatch(0));
    }

    static EchoSink ending(Function<InboundMessage, DeliveryOutcome> outcomes) {
        return new EchoSink(outcomes, Integer.MAX_VALUE, new CountDownLatch(0));
    }

    void attach(Channel target) {
        this.channel = target;
    }

    @Override
    public boolean publish(InboundMessage message, DeliveryListener listener) {
        synchronized (this) {
            if (published.size() >= acceptLimit) {
                return false;
            }
            published.add(message);
        }
        DeliveryOutcome outcome = outcomes.apply(message);
        if (outcome == DeliveryOutcome.DROPPED) {
            listener.finished(outcome);
            record(message);
            return true;
        }
        workers.execute(() -> {
            awaitGate();
            if (outcome == DeliveryOutcome.PROCESSED) {
                channel.send(new OutboundMessage(message.chatId(), "echo: " + message.text(), message));
            }
            listener.finished(outcome);
            record(message);
        });
        return true;
    }

    private void awaitGate() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(InboundMessage message) {
        finished.add(message);
    }

    synchronized List<InboundMessage> published() {
        return List.copyOf(published);
    }

    synchronized List<InboundMessage> finished() {
        return List.copyOf(finished);
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
