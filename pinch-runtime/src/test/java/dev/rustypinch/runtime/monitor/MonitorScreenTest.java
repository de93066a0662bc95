package dev.rustypinch.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorScreenTest {
    private static final MonitorScreen.Header HEADER = new MonitorScreen.Header(1000, "rusty-pinch", "local", "m",
            "./data/telemetry/latest.json", "./data", "./workspace");

    private static MonitorSample sample(TelemetrySnapshot telemetry, MonitorSample.ProcessMetrics process, String status) {
        return new MonitorSample(1_760_000_000L, telemetry, 3, process, status,
                new MonitorSample.HostMetrics(new String[] {"0.50", "0.25", "0.10"}, 2,
                        new ProcFs.Memory(4L << 30, 1L << 30, 1L << 20, 1L << 19)),
                new MonitorSample.StorageMetrics(2048, 0, new StorageProbe.FileSystemUsage(512, 4096, 1024, 34)));
    }

    @Test
    void fullScreenMatchesTheSpecLayout() {
        TurnRecord last = new TurnRecord("2026-02-20T10:11:12+00:00", "rp-1-1", "demo", "tool", "ok", "local", "m",
                "time_now", null, null, 14, 40, null);
        TelemetrySnapshot telemetry = new TelemetrySnapshot(1, "2026-02-20T10:11:12+00:00", 5, 4, 1, 3, 2, 7, last, 10, 9, 1, List.of());
        MonitorSample.ProcessMetrics process = new MonitorSample.ProcessMetrics(42, "java -Drusty-pinch.home=/opt/rusty-pinch channels telegram",
                "1.25%", 2_097_152L, 4_194_304L, 512L, null, 12L);
        assertEquals(String.join("\n",
                "Rusty Pinch Monitor (TUI)",
                "time: 1760000000",
                "interval: 1000 ms | match: 'rusty-pinch' | press Ctrl+C to exit",
                "",
                "[APP]",
                "provider: local",
                "model: m",
                "telemetry_file: ./data/telemetry/latest.json",
                "turns: total=5 ok=4 error=1 provider=3 tool=2",
                "last_update: 2026-02-20T10:11:12+00:00",
                "last_turn: request_id=rp-1-1 path=tool status=ok session=demo",
                "bus: published=10 consumed=9 dropped=1 depth=3",
                "",
                "[PROCESS]",
                "pid: 42",
                "command: java -Drusty-pinch.home=/opt/rusty-pinch channels telegram",
                "cpu: 1.25% | rss: 2.00 MiB | vms: 4.00 MiB",
                "io: read=512 B write=n/a | fd_count=12",
                "",
                "[HOST]",
                "loadavg: 0.50 0.25 0.10 | cpu_cores: 2",
                "memory: used=3.00 GiB total=4.00 GiB available=1.00 GiB",
                "swap: used=512.00 KiB total=1.00 MiB free=512.00 KiB",
                "",
                "[STORAGE]",
                "data_dir: ./data",
                "workspace: ./workspace",
                "dir_size: data=2.00 KiB workspace=0 B",
                "filesystem: used=512 B total=4.00 KiB avail=1.00 KiB use%=34%") + "\n",
                MonitorScreen.render(HEADER, sample(telemetry, process, null)));
    }

    @Test
    void unreadableTelemetryAndMissingProcessUseTheirSingleLines() {
        String screen = MonitorScreen.render(HEADER, sample(null, null, "process: not found (waiting for matching pid)"));
        assertEquals(true, screen.contains("telemetry_file: ./data/telemetry/latest.json\ntelemetry: unavailable\n\n[PROCESS]\n"
                + "process: not found (waiting for matching pid)\n\n[HOST]\n"));
    }

    @Test
    void noLastTurnReadsNone() {
        TelemetrySnapshot empty = TelemetrySnapshot.defaults("2026-02-20T10:11:12+00:00");
        String screen = MonitorScreen.render(HEADER, sample(empty, null, "process: not running (pid 7)"));
        assertEquals(true, screen.contains("last_turn: <none>\nbus: published=0 consumed=0 dropped=0 depth=3\n"));
        assertEquals(true, screen.contains("[PROCESS]\nprocess: not running (pid 7)\n"));
    }
}
