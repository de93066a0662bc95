package dev.rustypinch.runtime;

import java.util.concurrent.CountDownLatch;

/**
 * Run in a fresh JVM by {@link MainExitTest}: {@code main} with the given arguments after registering a shutdown hook
 * that prints a line; with {@code linger} first, a non-daemon thread that never ends is started, which only
 * {@code System.exit} gets past.
 */
public final class ExitProbe {
    private ExitProbe() {
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
        String[] command = args;
        if (args.length > 0 && args[0].equals("linger")) {
            Thread lingering = new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lingering");
            lingering.start();
            command = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        Main.main(command);
    }
}
