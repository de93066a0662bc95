package dev.rustypinch.bench;

import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.runtime.inbox.Admission;
import dev.rustypinch.runtime.inbox.InboxJournal;
import dev.rustypinch.runtime.inbox.InboxJournalException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbox journal (SPEC §22): what a channel worker pays per message for surviving {@code kill -9} — the record
 * appended before the message enters the bus and the one that finishes it, two {@code write}s without {@code fsync},
 * with the periodic compaction (which forces its new file once) included in the samples.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class InboxJournalBenchmark {
    private ScratchDirectory scratch;
    private InboxJournal journal;
    private long next;

    @Setup(Level.Trial)
    public void start() throws InboxJournalException {
        scratch = ScratchDirectory.create("pinch-bench-inbox-");
        journal = InboxJournal.open(scratch.path().resolve("data"), "whatsapp", (event, fields) -> {
            throw new IllegalStateException("journal event during the benchmark: " + event + " " + fields);
        });
    }

    @TearDown(Level.Trial)
    public void stop() {
        journal.close();
        scratch.close();
    }

    /** One message journaled and finished, as a worker does around each turn. */
    @Benchmark
    public long admitAndFinish() {
        long id = next++;
        Admission admission = journal.admit(new InboundMessage("whatsapp", "491701234567@s.whatsapp.net",
                "491701234567@s.whatsapp.net", "hello, what is on my list today?", Optional.of("3EB0" + id)));
        if (!(admission instanceof Admission.Journaled journaled)) {
            throw new IllegalStateException("message " + id + " was not journaled: " + admission);
        }
        journal.finish(journaled.sequence());
        return journaled.sequence();
    }
}
