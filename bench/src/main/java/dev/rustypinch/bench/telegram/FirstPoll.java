package dev.rustypinch.bench.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.bench.WorkerLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Launch to first {@code getUpdates}: starts {@code channels telegram} through the launcher {@code --runs} times
 * against a fresh fake Bot API on 127.0.0.1 and measures from process start to the first poll request's arrival.
 * With {@code --tls} the fake is HTTPS with a test certificate made by {@code keytool}, and the worker trusts it
 * through a copy of the JDK's CA store (in the store's own format) with the test certificate added (so loading a full
 * trust store is included).
 * Unless {@code RUSTY_PINCH_CDS=off}, the launcher's class-data-sharing archive for those JVM options is created first.
 * Prints each run and {@code first poll (<scheme>): median … ms}; the last line is {@code median_ms=<n>}.
 *
 * <p>Options: {@code --home <distribution> --work <dir> [--runs 11] [--tls]}.
 */
public final class FirstPoll {
    private static final String TOKEN = "123456:first-poll-token";
    private static final String PASSWORD = "changeit";

    private FirstPoll() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--tls")) {
                options.put("tls", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path home = Path.of(options.get("home")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        int runs = Integer.parseInt(options.getOrDefault("runs", "11"));
        boolean tls = options.containsKey("tls");
        SSLContext serverTls = null;
        String javaOpts = "";
        if (tls) {
            Path keyStore = testCertificate(work);
            serverTls = serverContext(keyStore);
            Path trust = trustStore(work);
            javaOpts = "-Djavax.net.ssl.trustStore=" + trust + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
                    + " -Djavax.net.ssl.trustStoreType=" + KeyStore.getInstance(trust.toFile(), PASSWORD.toCharArray()).getType();
        }
        WorkerLaunch.trainArchive(home, javaOpts);
        long[] millis = new long[runs];
        for (int run = 0; run < runs; run++) {
            millis[run] = once(home, work, serverTls, javaOpts);
            System.out.printf(Locale.ROOT, "run %d: %d ms%n", run + 1, millis[run]);
        }
        System.out.printf(Locale.ROOT, "first poll (%s): %s%n", tls ? "https" : "http", WorkerLaunch.summary(millis));
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "median_ms=%d%n", WorkerLaunch.median(sorted));
    }

    private static long once(Path home, Path work, SSLContext serverTls, String javaOpts) throws Exception {
        try (FakeTelegramServer fake = new FakeTelegramServer(TOKEN, (chat, update, latency) -> { }, serverTls)) {
            Path envFile = Files.writeString(work.resolve("first-poll.env"), String.join("\n",
                    "RUSTY_PINCH_PROVIDER=local",
                    "RUSTY_PINCH_MODEL=bench",
                    "RUSTY_PINCH_DATA_DIR=" + work.resolve("data"),
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true",
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=" + TOKEN,
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE=" + fake.apiBase(),
                    "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS=30",
                    ""), UTF_8);
            long launched = System.nanoTime();
            Process worker = WorkerLaunch.start(home, work, envFile, javaOpts, "channels", "telegram");
            try {
                long firstPoll = fake.awaitFirstPoll(30_000);
                if (firstPoll == 0) {
                    throw new IllegalStateException("no getUpdates within 30 s; see " + work.resolve("worker.stderr"));
                }
                return TimeUnit.NANOSECONDS.toMillis(firstPoll - launched);
            } finally {
                WorkerLaunch.stop(worker);
            }
        }
    }

    /** A PKCS12 key store with a fresh self-signed EC certificate for 127.0.0.1. */
    private static Path testCertificate(Path work) throws IOException, InterruptedException {
        Path keyStore = work.resolve("fake-bot-api.p12");
        Files.deleteIfExists(keyStore);
        keytool("-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        return keyStore;
    }

    /**
     * The JDK's CA store, copied as it is (in its own format: JKS on Debian's and Temurin's JDKs, as the worker would
     * load it by default), plus the test certificate, as the worker's trust store.
     */
    private static Path trustStore(Path work) throws IOException, InterruptedException {
        Path cert = work.resolve("fake-bot-api.pem");
        Path trust = work.resolve("trust.store");
        Files.deleteIfExists(cert);
        Files.deleteIfExists(trust);
        keytool("-exportcert", "-rfc", "-alias", "fake", "-keystore", work.resolve("fake-bot-api.p12").toString(),
                "-storepass", PASSWORD, "-file", cert.toString());
        Files.copy(Path.of(System.getProperty("java.home"), "lib/security/cacerts"), trust);
        trust.toFile().setWritable(true);
        keytool("-importcert", "-noprompt", "-alias", "fake-bot-api", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storepass", PASSWORD);
        return trust;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static SSLContext serverContext(Path keyStoreFile) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
