package dev.rustypinch.runtime.monitor;

import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TurnRecord;

/** Renders the monitor screen of SPEC §14.4. */
final class MonitorScreen {
    /** Clear screen and cursor home, printed before each screen. */
    static final String CLEAR = "\u001b[2J\u001b[H";

    /** What the screen shows besides the sample. */
    record Header(long intervalMs, String pattern, String provider, String model, String telemetryFile, String dataDir,
                  String workspace) {
    }

    private MonitorScreen() {
    }

    static String render(Header header, MonitorSample sample) {
        StringBuilder s = new StringBuilder(1024);
        line(s, "Rusty Pinch Monitor (TUI)");
        line(s, "time: " + sample.epochSeconds());
        line(s, "interval: " + header.intervalMs() + " ms | match: '" + header.pattern() + "' | press Ctrl+C to exit");
        line(s, "");
        line(s, "[APP]");
        line(s, "provider: " + header.provider());
        line(s, "model: " + header.model());
        line(s, "telemetry_file: " + header.telemetryFile());
        appendTelemetry(s, sample);
        line(s, "");
        line(s, "[PROCESS]");
        appendProcess(s, sample);
        line(s, "");
        line(s, "[HOST]");
        appendHost(s, sample.host());
        line(s, "");
        line(s, "[STORAGE]");
        line(s, "data_dir: " + header.dataDir());
        line(s, "workspace: " + header.workspace());
        MonitorSample.StorageMetrics storage = sample.storage();
        line(s, "dir_size: data=" + ByteSize.format(storage.dataBytes()) + " workspace=" + ByteSize.format(storage.workspaceBytes()));
        StorageProbe.FileSystemUsage fs = storage.fileSystem();
        if (fs == null) {
            line(s, "filesystem: used=n/a total=n/a avail=n/a use%=n/a");
        } else {
            line(s, "filesystem: used=" + ByteSize.format(fs.used()) + " total=" + ByteSize.format(fs.total()) + " avail="
                    + ByteSize.format(fs.avail()) + " use%=" + fs.usePercent() + "%");
        }
        return s.toString();
    }

    private static void appendTelemetry(StringBuilder s, MonitorSample sample) {
        TelemetrySnapshot t = sample.telemetry();
        if (t == null) {
            line(s, "telemetry: unavailable");
            return;
        }
        line(s, "turns: total=" + t.totalTurns() + " ok=" + t.okTurns() + " error=" + t.errorTurns() + " provider="
                + t.providerTurns() + " tool=" + t.toolTurns());
        line(s, "last_update: " + t.updatedAt());
        TurnRecord last = t.lastTurn();
        if (last == null) {
            line(s, "last_turn: <none>");
        } else {
            line(s, "last_turn: request_id=" + last.requestId() + " path=" + last.path() + " status=" + last.status()
                    + " session=" + last.sessionId());
        }
        line(s, "bus: published=" + t.busPublished() + " consumed=" + t.busConsumed() + " dropped=" + t.busDropped()
                + " depth=" + sample.liveDepth());
    }

    private static void appendProcess(StringBuilder s, MonitorSample sample) {
        MonitorSample.ProcessMetrics p = sample.process();
        if (p == null) {
            line(s, sample.processStatus());
            return;
        }
        line(s, "pid: " + p.pid());
        line(s, "command: " + p.commandLine());
        line(s, "cpu: " + p.cpu() + " | rss: " + ByteSize.format(p.rss()) + " | vms: " + ByteSize.format(p.vms()));
        line(s, "io: read=" + ByteSize.format(p.readBytes()) + " write=" + ByteSize.format(p.writeBytes()) + " | fd_count="
                + (p.fdCount() == null ? "n/a" : p.fdCount()));
    }

    private static void appendHost(StringBuilder s, MonitorSample.HostMetrics host) {
        String load = host.loadAverage() == null ? "n/a n/a n/a"
                : host.loadAverage()[0] + " " + host.loadAverage()[1] + " " + host.loadAverage()[2];
        line(s, "loadavg: " + load + " | cpu_cores: " + (host.cores() == null ? "n/a" : host.cores()));
        ProcFs.Memory memory = host.memory();
        if (memory == null) {
            line(s, "memory: used=n/a total=n/a available=n/a");
            line(s, "swap: used=n/a total=n/a free=n/a");
            return;
        }
        line(s, "memory: used=" + ByteSize.format(memory.total() - memory.available()) + " total=" + ByteSize.format(memory.total())
                + " available=" + ByteSize.format(memory.available()));
        line(s, "swap: used=" + ByteSize.format(memory.swapTotal() - memory.swapFree()) + " total="
                + ByteSize.format(memory.swapTotal()) + " free=" + ByteSize.format(memory.swapFree()));
    }

    private static void line(StringBuilder s, String text) {
        s.append(text).append('\n');
    }
}
