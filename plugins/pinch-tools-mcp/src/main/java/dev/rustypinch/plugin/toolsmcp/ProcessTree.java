package dev.rustypinch.plugin.toolsmcp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a child and its whole process tree (SPEC §19.3): stdin closed, SIGTERM after 1 s, SIGKILL after 1 more. The
 * tree is snapshotted at each step, because a launcher such as {@code npx} that exits first leaves its children
 * re-parented and no longer visible as its descendants.
 */
final class ProcessTree {
    static final Duration GRACE = Duration.ofSeconds(1);

    private ProcessTree() {
    }

    /** Stops {@code process} and everything it started; returns once all are gone or after about 2 s. */
    static void stop(Process process) {
        Set<ProcessHandle> tree = snapshot(process.toHandle(), new LinkedHashSet<>());
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // Already closed or broken: the signals below still apply.
        }
        if (awaitAll(snapshot(process.toHandle(), tree), GRACE)) {
            return;
        }
        snapshot(process.toHandle(), tree).forEach(ProcessHandle::destroy);
        if (awaitAll(snapshot(process.toHandle(), tree), GRACE)) {
            return;
        }
        snapshot(process.toHandle(), tree).forEach(ProcessHandle::destroyForcibly);
        awaitAll(tree, Duration.ofMillis(200));
    }

    private static Set<ProcessHandle> snapshot(ProcessHandle root, Set<ProcessHandle> into) {
        into.add(root);
        root.descendants().forEach(into::add);
        for (ProcessHandle known : Set.copyOf(into)) {
            if (known.isAlive()) {
                known.descendants().forEach(into::add);
            }
        }
        return into;
    }

    private static boolean awaitAll(Set<ProcessHandle> tree, Duration wait) {
        CompletableFuture<?>[] exits = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
