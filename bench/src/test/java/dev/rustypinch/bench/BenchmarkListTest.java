package dev.rustypinch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The JMH annotation processor ran: the runner finds every benchmark in {@code META-INF/BenchmarkList}. */
class BenchmarkListTest {
    @Test
    void everyBenchmarkIsListedForTheRunner() {
        List<String> names = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(
                        new PrintStream(OutputStream.nullOutputStream(), false, UTF_8), VerboseMode.SILENT), List.of())
                .stream()
                .map(BenchmarkListEntry::getUsername)
                .sorted()
                .toList();
        assertTrue(names.containsAll(List.of(
                "dev.rustypinch.bench.InboxJournalBenchmark.admitAndFinish",
                "dev.rustypinch.bench.MonitorTickBenchmark.tickWithStorage",
                "dev.rustypinch.bench.MonitorTickBenchmark.tickWithoutStorage",
                "dev.rustypinch.bench.SessionAppendBenchmark.appendTurn",
                "dev.rustypinch.bench.SessionAppendBenchmark.load",
                "dev.rustypinch.bench.SessionAppendBenchmark.rawAppendWithForce",
                "dev.rustypinch.bench.SessionAppendBenchmark.rawAppendWithoutForce",
                "dev.rustypinch.bench.TelemetryRecordBenchmark.rawWriteAndRename",
                "dev.rustypinch.bench.TelemetryRecordBenchmark.read",
                "dev.rustypinch.bench.TelemetryRecordBenchmark.record",
                "dev.rustypinch.bench.TurnBenchmark.localProviderPath",
                "dev.rustypinch.bench.TurnBenchmark.toolPathBuiltinModelInfo",
                "dev.rustypinch.bench.TurnBenchmark.toolPathBuiltinTimeNow",
                "dev.rustypinch.bench.TurnBenchmark.toolPathConstant",
                "dev.rustypinch.bench.provider.AgentRoundBenchmark.httpAgentTurn",
                "dev.rustypinch.bench.provider.AgentRoundBenchmark.inProcessAgentTurn")), names.toString());
    }
}
