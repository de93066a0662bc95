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

/**
 * A zero-delay tool-calling model on 127.0.0.1: a request that offers tools and carries no {@code tool} message yet is
 * answered with one call of {@code noop}; every other request (the tool result is there, or no tools were offered)
 * with a final answer. Exactly one tool round per agent-mode turn.
 */
final class ToolCallingChatServer implements AutoCloseable {
    static final byte[] CALL = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"noop\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}").getBytes(UTF_8);
    static final byte[] ANSWER = LoopbackChatServer.REPLY;
    private static final byte[] TOOL_MESSAGE = "\"role\":\"tool\"".getBytes(UTF_8);
    private static final byte[] TOOLS = "\"tools\":[".getBytes(UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;

    ToolCallingChatServer() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-fake-tool-model");
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
            byte[] reply = contains(body, TOOLS) && !contains(body, TOOL_MESSAGE) ? CALL : ANSWER;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i <= body.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
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
