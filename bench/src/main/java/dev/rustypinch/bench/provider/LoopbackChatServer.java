package dev.rustypinch.bench.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A zero-delay chat-completion fake on 127.0.0.1: every {@code POST /v1/chat/completions} is read in
 * full and answered with the same small 200 reply. Keeps the last request body so a benchmark can
 * replay exactly what the plugin sent.
 */
final class LoopbackChatServer implements AutoCloseable {
    static final byte[] REPLY = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<byte[]> lastBody = new AtomicReference<>();

    LoopbackChatServer() throws IOException {
        // Without it the JDK server's Nagle delay meets the client's delayed ACK and adds ~40 ms stalls.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-fake-provider");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            lastBody.set(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, REPLY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(REPLY);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    byte[] lastBody() {
        return lastBody.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
