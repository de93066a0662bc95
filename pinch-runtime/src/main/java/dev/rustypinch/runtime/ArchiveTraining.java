package dev.rustypinch.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rustypinch.runtime.logging.BackgroundLog4jProvider;
import dev.rustypinch.runtime.plugin.PluginLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The launcher's class-data-sharing training run (SPEC §16.1): runs the common short commands in-process, so that the
 * JVM started with {@code -XX:ArchiveClassesAtExit} (Java 17) or {@code -XX:AOTCacheOutput} (Java 25+) archives the
 * classes they load when this program exits. Everything happens in a temporary directory with the {@code local}
 * provider and an empty env file: no network, none of the user's settings or data. Only the plugin directory and the
 * disabled-plugin list come from the process environment, because they decide which plugin classes load.
 *
 * <p>The argument is the archive's profile. {@code cli} (the default) runs the short commands above; {@code run} only
 * the turns of {@link #TURNS}. {@code telegram}
 * starts a Telegram worker against a fake Bot API on 127.0.0.1 (JDK HTTP server) and sets up the JDK's default TLS
 * context (trust store included), which the real {@code https://} Bot API needs before the first poll, then runs the
 * worker once more against an HTTPS fake with a throwaway certificate made by the JDK's {@code keytool} and trusted
 * for this JVM only, so that the first TLS handshake is archived too;
 * {@code whatsapp} starts a WhatsApp worker against a fake PicoClaw bridge on 127.0.0.1 (a minimal websocket server on
 * a plain socket); {@code web} starts a web worker on a free loopback port and sends it one chat request over a plain
 * socket. Each fake hands over one message and the worker runs with {@code --max-messages 1}, so that its
 * start-up path — the channel plugin, its HTTP, websocket and JSON classes, the bus, the telemetry writer — is
 * archived, and nothing else: a long-running worker keeps the whole mapped archive resident. A part that cannot run here (a
 * runtime image without the HTTP server module, a missing plugin) is skipped: the archive then just holds less.
 */
public final class ArchiveTraining {
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"--version"},
            new String[] {"--help"},
            new String[] {"doctor"},
            new String[] {"plugins", "list"},
            new String[] {"tools", "list"},
            new String[] {"stats"},
            new String[] {"run", "--session", "training", "--message", "hello"},
            new String[] {"run", "--session", "training", "--message", "hello again"},
            new String[] {"tools", "run", "--session", "training", "--name", "time_now"},
            new String[] {"session", "--session", "training"},
            new String[] {"stats"},
            new String[] {"doctor"});

    /**
     * The {@code run} profile: one-shot turns only (a new session, then one with history). A Java 25+ AOT cache loads
     * every class it holds when the JVM starts, so the classes of the other commands would slow every {@code run}.
     */
    private static final List<String[]> TURNS = List.of(
            new String[] {"run", "--session", "training", "--message", "hello"},
            new String[] {"run", "--session", "training", "--message", "hello again"});

    private static final Duration TIME_LIMIT = Duration.ofSeconds(90);

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path home = Main.home();
        Main.configureLogging(home);
        Path work = Files.createTempDirectory("rusty-pinch-training-");
        startWatchdog(work);
        try {
            // Every real start copies the process environment (System.getenv()); the commands below get a plain map, so
            // copy it once here too: its entry-set classes are then in the archive rather than read from the JDK.
            Map.copyOf(System.getenv());
            Map<String, String> env = environment(work);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, UTF_8);
            switch (args.length == 0 ? "cli" : args[0]) {
                case "telegram" -> {
                    trainTls();
                    trainTelegramWorker(env, work, home, quiet, null);
                    trainTelegramOverTls(env, work, home, quiet);
                }
                case "run" -> {
                    for (String[] command : TURNS) {
                        Main.run(command, env, work, home, new ByteArrayInputStream(new byte[0]), quiet, quiet);
                    }
                }
                case "whatsapp" -> trainWhatsAppWorker(env, work, home, quiet);
                case "web" -> trainWebWorker(env, work, home, quiet);
                default -> {
                    for (String[] command : COMMANDS) {
                        Main.run(command, env, work, home, new ByteArrayInputStream(new byte[0]), quiet, quiet);
                    }
                }
            }
            writeJarIndex();
        } finally {
            deleteTree(work);
        }
        BackgroundLog4jProvider.finishStart();
        System.exit(0);
    }

    /** The index of the plugin jars opened, when the launcher asked for one; without it the archive is still made. */
    private static void writeJarIndex() {
        try {
            PluginLoader.writeJarIndex();
        } catch (IOException | RuntimeException e) {
            // starts open the jars, as without an archive
        }
    }

    /**
     * Ends the training after {@link #TIME_LIMIT} whatever it is doing (a worker that never got its message would run
     * forever): the JVM still writes the archive of what was loaded so far.
     */
    private static void startWatchdog(Path work) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TIME_LIMIT.toMillis());
                deleteTree(work);
            } catch (InterruptedException | IOException | RuntimeException e) {
                // exit anyway
            }
            System.exit(0);
        }, "training-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The JDK's default TLS context with its trust store, as an HTTPS client builds it. */
    private static void trainTls() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            SSLContext.getDefault().getSocketFactory().createSocket().close();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // nothing to archive here
        }
    }

    /**
     * The Telegram worker against an HTTPS fake: a throwaway RSA certificate for 127.0.0.1 from {@code keytool}, its
     * key serving the fake and the certificate alone the JVM's trust store (unless one is set already: the handshake
     * then fails after the certificate check, which still archives most of it). Skipped without {@code keytool}.
     */
    private static void trainTelegramOverTls(Map<String, String> env, Path work, Path home, PrintStream quiet) {
        char[] password = "training".toCharArray();
        try {
            Path keys = work.resolve("training-key.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "training",
                    "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                    "-storepass", new String(password), "-keypass", new String(password))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(keys)) {
                process.destroyForcibly();
                return;
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                keyStore.load(in, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);
            if (System.getProperty("javax.net.ssl.trustStore") == null) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, password);
                trusted.setCertificateEntry("training", keyStore.getCertificate("training"));
                Path trustFile = work.resolve("training-trust.p12");
                try (OutputStream out = Files.newOutputStream(trustFile)) {
                    trusted.store(out, password);
                }
                System.setProperty("javax.net.ssl.trustStore", trustFile.toString());
                System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
                System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            }
            Path tlsWork = work.resolve("tls");
            Map<String, String> tlsEnv = new HashMap<>(env);
            tlsEnv.put("RUSTY_PINCH_DATA_DIR", tlsWork.resolve("data").toString());
            tlsEnv.put("RUSTY_PINCH_TELEMETRY_FILE", tlsWork.resolve("data/telemetry/latest.json").toString());
            trainTelegramWorker(tlsEnv, tlsWork, home, quiet, server);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // no TLS handshake in the archive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void trainTelegramWorker(Map<String, String> baseEnv, Path work, Path home, PrintStream quiet,
            SSLContext tls) {
        try (FakeBotApi fake = FakeBotApi.start(tls)) {
            Files.createDirectories(work);
            Map<String, String> env = new HashMap<>(baseEnv);
            env.put("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "true");
            env.put("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
            env.put("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", fake.apiBase());
            env.put("RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM", FakeBotApi.USER_ID);
            env.put("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "1");
            Main.run(new String[] {"channels", "telegram", "--max-messages", "1"}, env, work, home,
                    new ByteArrayInputStream(new byte[0]), quiet, quiet);
        } catch (IOException | RuntimeException | LinkageError e) {
            // no worker path in the archive
        }
    }

    private static void trainWhatsAppWorker(Map<String, String> baseEnv, Path work, Path home, PrintStream quiet) {
        try (FakeBridge bridge = FakeBridge.start()) {
            Map<String, String> env = new HashMap<>(baseEnv);
            env.put("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", "true");
            env.put("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", bridge.url());
            Main.run(new String[] {"channels", "whatsapp", "--max-messages", "1"}, env, work, home,
                    new ByteArrayInputStream(new byte[0]), quiet, quiet);
        } catch (IOException | RuntimeException | LinkageError e) {
            // no worker path in the archive
        }
    }

    private static void trainWebWorker(Map<String, String> baseEnv, Path work, Path home, PrintStream quiet) {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Map<String, String> env = new HashMap<>(baseEnv);
            env.put("RUSTY_PINCH_CHANNELS_WEB_ENABLED", "true");
            env.put("RUSTY_PINCH_CHANNELS_WEB_LISTEN", "127.0.0.1:" + port);
            env.put("RUSTY_PINCH_CHANNELS_WEB_TOKEN", WebClient.TOKEN);
            WebClient.start(port);
            Main.run(new String[] {"channels", "web", "--max-messages", "1"}, env, work, home,
                    new ByteArrayInputStream(new byte[0]), quiet, quiet);
        } catch (IOException | RuntimeException | LinkageError e) {
            // no worker path in the archive
        }
    }

    /**
     * One OpenAI-style chat request to the web worker on {@code 127.0.0.1:<port>}, sent once the port accepts
     * connections (the worker binds it shortly after start); the answer is read and discarded.
     */
    private static final class WebClient {
        static final String TOKEN = "training";
        private static final String BODY = "{\"model\":\"training\",\"user\":\"training\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        private static final long CONNECT_TRIES = 300;

        private WebClient() {
        }

        static void start(int port) {
            Thread thread = new Thread(() -> request(port), "training-web-client");
            thread.setDaemon(true);
            thread.start();
        }

        private static void request(int port) {
            try (Socket socket = connect(port)) {
                socket.setSoTimeout(10_000);
                byte[] body = BODY.getBytes(UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                        + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                out.write(body);
                out.flush();
                socket.getInputStream().readAllBytes();
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the worker did not start or went away: the watchdog ends the training
            }
        }

        private static Socket connect(int port) throws IOException, InterruptedException {
            for (long i = 1; ; i++) {
                try {
                    return new Socket(InetAddress.getLoopbackAddress(), port);
                } catch (IOException e) {
                    if (i >= CONNECT_TRIES) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /**
     * A minimal PicoClaw bridge (RFC 6455 server side on a plain socket, one connection): after the handshake it sends
     * one {@code message} frame, answers a close frame with a close frame and reads until the worker hangs up.
     */
    private static final class FakeBridge implements AutoCloseable {
        private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        private static final String MESSAGE = "{\"type\":\"message\",\"id\":\"1\",\"from\":\"42\",\"content\":\"hello\"}";

        private final ServerSocket server;
        private final Thread thread;

        private FakeBridge(ServerSocket server) {
            this.server = server;
            this.thread = new Thread(this::serve, "training-bridge");
            thread.setDaemon(true);
        }

        static FakeBridge start() throws IOException {
            FakeBridge bridge = new FakeBridge(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            bridge.thread.start();
            return bridge;
        }

        String url() {
            return "ws://127.0.0.1:" + server.getLocalPort() + "/";
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String key = handshakeKey(in);
                String accept = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(UTF_8)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(UTF_8));
                writeFrame(out, 0x1, MESSAGE.getBytes(UTF_8));
                while (true) {
                    int opcode = readFrame(in);
                    if (opcode == 0x8) {
                        writeFrame(out, 0x8, new byte[] {0x03, (byte) 0xE8});
                        return;
                    }
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // the worker went away or the server was closed: training goes on without it
            }
        }

        private static String handshakeKey(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("handshake cut short");
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                    return line.substring(colon + 1).trim();
                }
            }
            throw new IOException("no Sec-WebSocket-Key");
        }

        /** An unmasked frame with FIN set; payloads here are short (below 126 bytes). */
        private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            out.write(payload.length);
            out.write(payload);
            out.flush();
        }

        /** Reads one frame and returns its opcode (the payload is discarded). */
        private static int readFrame(InputStream in) throws IOException {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                throw new IOException("connection closed");
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            if ((second & 0x80) != 0) {
                in.readNBytes(4);
            }
            in.readNBytes((int) length);
            return first & 0x0F;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A minimal Bot API: one update from {@link #USER_ID}, then empty polls; every other method answers ok. */
    private static final class FakeBotApi implements AutoCloseable {
        static final String TOKEN = "1:training";
        static final String USER_ID = "42";
        private static final String UPDATE = "{\"ok\":true,\"result\":[{\"update_id\":1,\"message\":{\"message_id\":1,"
                + "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"T\"},\"chat\":{\"id\":42,\"type\":\"private\"},"
                + "\"date\":1700000000,\"text\":\"hello\"}}]}";

        private final HttpServer server;
        private final AtomicBoolean delivered = new AtomicBoolean();

        private FakeBotApi(HttpServer server) {
            this.server = server;
        }

        /** Plain HTTP, or HTTPS with the context's key when {@code tls} is not null. */
        static FakeBotApi start(SSLContext tls) throws IOException {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            HttpServer server;
            if (tls == null) {
                server = HttpServer.create(address, 8);
            } else {
                HttpsServer https = HttpsServer.create(address, 8);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            FakeBotApi fake = new FakeBotApi(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        }

        String apiBase() {
            String scheme = server instanceof HttpsServer ? "https" : "http";
            return scheme + "://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.endsWith("/getUpdates")) {
                body = delivered.getAndSet(true) ? "{\"ok\":true,\"result\":[]}" : UPDATE;
            } else if (path.endsWith("/sendMessage")) {
                body = "{\"ok\":true,\"result\":{\"message_id\":2}}";
            } else {
                body = "{\"ok\":true,\"result\":true}";
            }
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Map<String, String> environment(Path work) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("RUSTY_PINCH_ENV_FILE", Files.writeString(work.resolve("training.env"), "", UTF_8).toString());
        env.put("RUSTY_PINCH_PROVIDER", "local");
        env.put("RUSTY_PINCH_MODEL", "training");
        env.put("RUSTY_PINCH_DATA_DIR", work.resolve("data").toString());
        env.put("RUSTY_PINCH_WORKSPACE", work.resolve("workspace").toString());
        env.put("RUSTY_PINCH_TELEMETRY_FILE", work.resolve("data/telemetry/latest.json").toString());
        String pluginsDir = System.getenv("RUSTY_PINCH_PLUGINS_DIR");
        if (pluginsDir != null) {
            env.put("RUSTY_PINCH_PLUGINS_DIR", Path.of(pluginsDir).toAbsolutePath().toString());
        }
        String disabled = System.getenv("RUSTY_PINCH_PLUGINS_DISABLED");
        if (disabled != null) {
            env.put("RUSTY_PINCH_PLUGINS_DISABLED", disabled);
        }
        return env;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
