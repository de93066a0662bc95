package dev.rustypinch.plugin.channelweb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One {@code chat/completions} request waiting for its turn. Exactly one of {@link #reply}, {@link #fail} ends it;
 * a streaming exchange may first {@link #keepAlive}, which commits the SSE headers, so that an error after that goes
 * into the stream as a {@code data:} event. Writes are serialised by this object's lock and bounded in time.
 */
final class TurnExchange {
    private static final long WRITE_TIMEOUT_SECONDS = 10;
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final String JSON = "application/json";

    private final Response response;
    private final Callback callback;
    private final boolean stream;
    private final String model;
    private final long created;
    private final List<Future<?>> timers = new ArrayList<>();
    private boolean committed;
    private boolean done;

    TurnExchange(Response response, Callback callback, boolean stream, String model, long created) {
        this.response = requireNonNull(response, "response is null");
        this.callback = requireNonNull(callback, "callback is null");
        this.stream = stream;
        this.model = requireNonNull(model, "model is null");
        this.created = created;
    }

    boolean stream() {
        return stream;
    }

    /** A timer (turn timeout, keep-alive) cancelled when the exchange ends. */
    synchronized void addTimer(Future<?> timer) {
        if (done) {
            timer.cancel(false);
        } else {
            timers.add(timer);
        }
    }

    /**
     * Answers with the turn's reply.
     *
     * @return whether the answer reached the client ({@code false} when already ended or the client is gone)
     */
    synchronized boolean reply(String requestId, String text) {
        if (!end()) {
            return false;
        }
        if (stream) {
            startStream();
            return finish(OpenAiShapes.stream(requestId, model, created, text));
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        return finish(OpenAiShapes.completion(requestId, model, created, text));
    }

    /** Answers with an error: its status and envelope, or a {@code data:} event once the stream has started. */
    synchronized boolean fail(ApiError error) {
        if (!end()) {
            return false;
        }
        if (committed) {
            return finish(OpenAiShapes.streamError(error));
        }
        ApiResponses.prepareError(response, error);
        return finish(error.body());
    }

    /** Sends {@code : keep-alive} on a streaming exchange still waiting, starting the stream first if needed. */
    synchronized void keepAlive() {
        if (done || !stream) {
            return;
        }
        startStream();
        if (!write(false, ": keep-alive\n\n")) {
            end();
            callback.failed(new IOException("client closed the connection"));
        }
    }

    private void startStream() {
        if (!committed) {
            committed = true;
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
        }
    }

    private boolean end() {
        if (done) {
            return false;
        }
        done = true;
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        return true;
    }

    private boolean finish(String body) {
        Callback.Completable written = new Callback.Completable();
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), written);
        boolean ok = await(written);
        if (ok) {
            callback.succeeded();
        } else {
            callback.failed(new IOException("client closed the connection"));
        }
        return ok;
    }

    private boolean write(boolean last, String text) {
        Callback.Completable written = new Callback.Completable();
        response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
        return await(written);
    }

    private static boolean await(Callback.Completable written) {
        try {
            written.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
