package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.DeliveryListener;
import dev.rustypinch.api.DeliveryOutcome;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.InboundSink;
import dev.rustypinch.api.OutboundMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Stands in for the runtime: records each published message and replies {@code echo:<text>} on a worker. */
final class ReplyingSink implements InboundSink, AutoCloseable {
    final BlockingQueue<InboundMessage> published = new LinkedBlockingQueue<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "test-turn-worker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Channel channel;
    volatile Function<InboundMessage, String> reply = message -> "echo:" + message.text();

    void bind(Channel replyChannel) {
        this.channel = replyChannel;
    }

    @Override
    public boolean publish(InboundMessage message, DeliveryListener listener) {
        published.add(message);
        workers.execute(() -> {
            channel.send(new OutboundMessage(message.chatId(), reply.apply(message), message));
            listener.finished(DeliveryOutcome.PROCESSED);
        });
        return true;
    }

    InboundMessage nextPublished() throws InterruptedException {
        InboundMessage message = published.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "no message was published");
        return message;
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
