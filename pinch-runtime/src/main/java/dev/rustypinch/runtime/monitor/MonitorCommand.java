package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.app.SignalTrap;
import dev.rustypinch.runtime.cli.Command;
import dev.rustypinch.runtime.telemetry.CorruptTelemetryException;
import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

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
        new SignalTrap().install(signal -> stop());
        Watch watch = new Watch(options, new ProcessFinder(proc, ProcessHandle.current().pid()));
        if (options.pid() > 0 && !proc.isRunning(options.pid())) {
            throw new CommandException("process " + options.pid() + " not found");
        }
        MonitorScreen.Header header = new MonitorScreen.Header(options.intervalMs(), options.processMatch(), app.settings().provider(),
                app.settings().model(), app.settings().telemetryFile(), app.settings().dataDir(), app.settings().workspace());
        TelemetryStore telemetry = app.telemetry();
        MonitorSample.StorageMetrics storage = null;
        for (long tick = 0; !stopping; tick++) {
            if (options.once()) {
                watch.sampleProcess();
                sleep(ONCE_SAMPLE_GAP_MS);
            }
            if (tick % options.storageRefreshTicks() == 0 || storage == null) {
                storage = storage();
            }
            MonitorSample.ProcessMetrics process = watch.sampleProcess();
            Instant now = app.clock().instant();
            TelemetrySnapshot snapshot = readTelemetry(telemetry);
            MonitorSample sample = new MonitorSample(now.getEpochSecond(), snapshot,
                    snapshot == null ? 0 : snapshot.liveDepth(now), process, watch.status(), host(), storage);
            app.out().print(MonitorScreen.CLEAR + MonitorScreen.render(header, sample));
            app.out().flush();
            if (options.once()) {
                return 0;
            }
            sleep(options.intervalMs());
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

    private static TelemetrySnapshot readTelemetry(TelemetryStore telemetry) {
        try {
            return telemetry.read();
        } catch (CorruptTelemetryException | RuntimeException e) {
            return null;
        }
    }

    private MonitorSample.HostMetrics host() {
        Optional<ProcFs.HostCpu> cpu = proc.hostCpu();
        return new MonitorSample.HostMetrics(proc.loadAverage().orElse(null), cpu.map(ProcFs.HostCpu::cores).orElse(null),
                proc.memory().orElse(null));
    }

    private MonitorSample.StorageMetrics storage() {
        Path data = app.dataDir();
        Path workspace = app.resolve(app.settings().workspace());
        return new MonitorSample.StorageMetrics(StorageProbe.directorySize(data), StorageProbe.directorySize(workspace),
                StorageProbe.fileSystem(data).orElse(null));
    }

    /** The watched process: strict by pid, or discovered by pattern and rediscovered when it goes away. */
    private final class Watch {
        private final Command.Monitor options;
        private final ProcessFinder finder;
        private final CpuSampler cpu = new CpuSampler();
        private long pid;
        private String commandLine;
        private String status;

        Watch(Command.Monitor options, ProcessFinder finder) {
            this.options = options;
            this.finder = finder;
            this.pid = options.pid();
        }

        String status() {
            return status;
        }

        MonitorSample.ProcessMetrics sampleProcess() {
            if (options.pid() == 0 && pid == 0) {
                discover();
            }
            if (pid == 0) {
                status = "process: not found (waiting for matching pid)";
                return null;
            }
            OptionalLong ticks = proc.processCpu(pid);
            Optional<ProcFs.HostCpu> host = proc.hostCpu();
            if (ticks.isEmpty() || !proc.isRunning(pid)) {
                cpu.reset();
                if (options.pid() > 0) {
                    status = "process: not running (pid " + pid + ")";
                    return null;
                }
                pid = 0;
                discover();
                if (pid == 0) {
                    status = "process: not found (waiting for matching pid)";
                    return null;
                }
                ticks = proc.processCpu(pid);
            }
            if (commandLine == null) {
                commandLine = proc.commandLine(pid).orElse("n/a");
            }
            String usage = ticks.isPresent() && host.isPresent()
                    ? cpu.sample(ticks.getAsLong(), host.get().total(), host.get().cores()) : "n/a";
            status = null;
            return new MonitorSample.ProcessMetrics(pid, commandLine, usage, boxed(proc.statusBytes(pid, "VmRSS")),
                    boxed(proc.statusBytes(pid, "VmSize")), boxed(proc.ioBytes(pid, "read_bytes")),
                    boxed(proc.ioBytes(pid, "write_bytes")), boxed(proc.fdCount(pid)));
        }

        private void discover() {
            Optional<ProcessFinder.Found> found = finder.find(options.processMatch());
            cpu.reset();
            pid = found.map(ProcessFinder.Found::pid).orElse(0L);
            commandLine = found.map(ProcessFinder.Found::commandLine).orElse(null);
        }
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
