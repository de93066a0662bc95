import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny stand-in for the Telegram Bot API on 127.0.0.1, used by deploy/verify-telegram-unit.sh
 * (run as a single-file program: {@code java FakeBotApi.java <state-dir> [lifetime-secs]}).
 *
 * <p>It serves {@code /bot<token>/getUpdates} and {@code /bot<token>/sendMessage} for any token.
 * There is one pending update: {@code update_id} 1, a text message "ping" from user 777 in chat
 * 12345. A poll whose offset is at most 1 gets it at once; any later poll with a timeout is held
 * for that many seconds (an idle long poll) and then answers an empty result. Every sendMessage
 * is accepted. The bound port is written to {@code <state-dir>/port} once the server listens,
 * and every request is appended to {@code <state-dir>/requests.log} as one line:
 * {@code getUpdates <decoded query>} or {@code sendMessage <body>}. The program exits by itself
 * after the lifetime (default 120 s), so it never outlives a failed check.
 */
public final class FakeBotApi {
    static final long PENDING_UPDATE_ID = 1;
    static final String PENDING_UPDATE = "{\"update_id\":1,\"message\":{\"message_id\":10,"
            + "\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Verify\"},"
            + "\"chat\":{\"id\":12345,\"type\":\"private\"},\"date\":1700000000,\"text\":\"ping\"}}";

    private final PrintWriter log;

    private FakeBotApi(PrintWriter log) {
        this.log = log;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java FakeBotApi.java <state-dir> [lifetime-secs]");
            System.exit(2);
        }
        Path stateDir = Files.createDirectories(Path.of(args[0]));
        long lifetimeSecs = args.length == 2 ? Long.parseLong(args[1]) : 120;
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(stateDir.resolve("requests.log"), UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        FakeBotApi api = new FakeBotApi(log);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-bot-api-handler");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", api::handle);
        server.start();

        Path portTemp = stateDir.resolve("port.tmp");
        Files.writeString(portTemp, server.getAddress().getPort() + "\n", UTF_8);
        Files.move(portTemp, stateDir.resolve("port"), StandardCopyOption.ATOMIC_MOVE);

        TimeUnit.SECONDS.sleep(lifetimeSecs);
        server.stop(0);
        handlers.shutdownNow();
        System.exit(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = path.substring(path.lastIndexOf('/') + 1);
            if (!path.matches("/bot[^/]+/[A-Za-z]+")) {
                answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            } else if (method.equals("getUpdates")) {
                getUpdates(exchange);
            } else if (method.equals("sendMessage")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
                record("sendMessage " + body);
                answer(exchange, 200, "{\"ok\":true,\"result\":{\"message_id\":11,\"chat\":{\"id\":12345}}}");
            } else {
                answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            }
        }
    }

    private void getUpdates(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String query = rawQuery == null ? "" : URLDecoder.decode(rawQuery, UTF_8);
        record("getUpdates " + query);
        Map<String, String> params = parameters(query);
        long offset = number(params.get("offset"), 0);
        long timeoutSecs = number(params.get("timeout"), 0);
        if (offset <= PENDING_UPDATE_ID) {
            answer(exchange, 200, "{\"ok\":true,\"result\":[" + PENDING_UPDATE + "]}");
            return;
        }
        try {
            TimeUnit.SECONDS.sleep(timeoutSecs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answer(exchange, 200, "{\"ok\":true,\"result\":[]}");
    }

    private synchronized void record(String line) {
        log.println(line.replace('\n', ' '));
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.putIfAbsent(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return params;
    }

    private static long number(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) {
        byte[] body = json.getBytes(UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away (a cancelled long poll): there is no one left to answer.
        }
    }
}
