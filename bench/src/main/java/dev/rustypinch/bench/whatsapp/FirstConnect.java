package dev.rustypinch.bench.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rustypinch.bench.WorkerLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Launch to first bridge connection: starts {@code channels whatsapp} through the launcher {@code runs} times against
 * a loopback PicoClaw bridge and measures from process start to the bridge's websocket open. Prints each run and
 * {@code first connect: median … ms}; the last line is {@code median_ms=<n>}. Unless {@code RUSTY_PINCH_CDS=off}, the
 * launcher's class-data-sharing archive is created first. Two worker starts before the counted ones warm the bridge
 * (a Jetty server in this JVM), so that the figure is the worker's and not the harness's first upgrades.
 *
 * <p>Arguments: {@code <distribution> <work dir> [runs, default 11]}.
 */
public final class FirstConnect {
    private static final int WARM_UP_RUNS = 2;

    private FirstConnect() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 11;
        WorkerLaunch.trainArchive(home, "");
        long[] millis = new long[runs];
        try (LoadBridge bridge = LoadBridge.start()) {
            // The bridge is a Jetty server in this JVM: its first upgrades run cold (interpreted, classes initializing)
            // on the same cores as the worker. A real bridge has been up for long; so is this one once it served these.
            for (int run = 0; run < WARM_UP_RUNS; run++) {
                System.out.printf(Locale.ROOT, "warm-up %d: %d ms (not counted)%n", run + 1, once(bridge, home, work));
            }
            for (int run = 0; run < runs; run++) {
                millis[run] = once(bridge, home, work);
                System.out.printf(Locale.ROOT, "run %d: %d ms%n", run + 1, millis[run]);
            }
        }
        System.out.printf(Locale.ROOT, "first connect: %s%n", WorkerLaunch.summary(millis));
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "median_ms=%d%n", WorkerLaunch.median(sorted));
        System.exit(0);
    }

    private static long once(LoadBridge bridge, Path home, Path work) throws Exception {
        CompletableFuture<Long> opened = new CompletableFuture<>();
        bridge.onOpen(connection -> opened.complete(System.nanoTime()));
        Path envFile = Files.writeString(work.resolve("first-connect.env"), String.join("\n",
                "RUSTY_PINCH_PROVIDER=local",
                "RUSTY_PINCH_MODEL=bench",
                "RUSTY_PINCH_DATA_DIR=" + work.resolve("data"),
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=" + bridge.url(),
                ""), UTF_8);
        long launched = System.nanoTime();
        Process worker = WorkerLaunch.start(home, work, envFile, "", "channels", "whatsapp");
        try {
            return TimeUnit.NANOSECONDS.toMillis(opened.get(30, TimeUnit.SECONDS) - launched);
        } finally {
            WorkerLaunch.stop(worker);
        }
    }
}
