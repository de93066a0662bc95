package dev.rustypinch.runtime.monitor;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.cli.Command;
import dev.rustypinch.runtime.telemetry.CorruptTelemetryException;
import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One monitor tick (SPEC §14.1 steps 2–4): find or follow the process, read host metrics and telemetry, refresh
 * storage every {@code storageRefreshTicks}, and render the screen. Not thread safe: one loop drives it.
 */
public final class MonitorTicker {
    private final Application app;
    private final Command.Monitor options;
    private final ProcFs proc;
    private final Watch watch;
    private final MonitorScreen.Header header;
    private final TelemetryStore telemetry;
    private MonitorSample.StorageMetrics storage;

    /** A ticker on this machine's {@code /proc}. */
    public MonitorTicker(Application app, Command.Monitor options) {
        this(app, options, ProcFs.system());
    }

    MonitorTicker(Application app, Command.Monitor options, ProcFs proc) {
        this.app = requireNonNull(app, "app is null");
        this.options = requireNonNull(options, "options is null");
        this.proc = requireNonNull(proc, "proc is null");
        this.watch = new Watch(options, new ProcessFinder(proc, ProcessHandle.current().pid()));
        this.header = new MonitorScreen.Header(options.intervalMs(), options.processMatch(), app.settings().provider(),
                app.settings().model(), app.settings().telemetryFile(), app.settings().dataDir(), app.settings().workspace());
        this.telemetry = app.telemetry();
    }

    /** Takes a CPU sample without rendering, so the next screen can show CPU usage. */
    public void primeCpu() {
        watch.sampleProcess();
    }

    /** The screen of tick {@code tick} (0-based), without the clear-screen prefix. */
    public String screen(long tick) {
        if (tick % options.storageRefreshTicks() == 0 || storage == null) {
            storage = storage();
        }
        MonitorSample.ProcessMetrics process = watch.sampleProcess();
        Instant now = app.clock().instant();
        TelemetrySnapshot snapshot = readTelemetry();
        MonitorSample sample = new MonitorSample(now.getEpochSecond(), snapshot,
                snapshot == null ? 0 : snapshot.liveDepth(now), process, watch.status(), host(), storage);
        return MonitorScreen.render(header, sample);
    }

    private TelemetrySnapshot readTelemetry() {
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
