package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.app.SignalTrap;
import dev.rustypinch.runtime.cli.Command;

/**
 * {@code monitor} (SPEC §14): a screen per tick with the watched worker, the host and storage. Stops on SIGINT or
 * SIGTERM with {@code monitor stopped}, exit 0.
 */
public final class MonitorCommand {
    /** Gap between the two samples of {@code --once}, so CPU shows. */
    static final long ONCE_SAMPLE_GAP_MS = 250;

    private final Application app;
    private final ProcFs proc;
    private volatile boolean stopping;
    private volatile Thread loopThread;

    public MonitorCommand(Application app) {
        this(app, ProcFs.system());
    }

    MonitorCommand(Application app, ProcFs proc) {
        this.app = requireNonNull(app, "app is null");
        this.proc = requireNonNull(proc, "proc is null");
    }

    public int execute(Command.Monitor options) throws CommandException {
        loopThread = Thread.currentThread();
        if (options.pid() > 0 && !proc.isRunning(options.pid())) {
            throw new CommandException("process " + options.pid() + " not found");
        }
        MonitorTicker ticker = new MonitorTicker(app, options, proc);
        try (FullScreen screen = FullScreen.open(!options.once() && app.out() == System.out)) {
            new SignalTrap().install(signal -> stop());
            for (long tick = 0; !stopping; tick++) {
                if (options.once()) {
                    ticker.primeCpu();
                    sleep(ONCE_SAMPLE_GAP_MS);
                }
                app.out().print(MonitorScreen.CLEAR + ticker.screen(tick));
                app.out().flush();
                if (options.once()) {
                    return 0;
                }
                sleep(options.intervalMs());
            }
        }
        app.out().print("\nmonitor stopped\n");
        app.out().flush();
        return 0;
    }

    private void stop() {
        stopping = true;
        Thread thread = loopThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            if (!stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
