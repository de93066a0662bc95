package dev.rustypinch.runtime.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventWriterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EventWriter writer = new EventWriter(new PrintStream(bytes, false, UTF_8));

    private String output() {
        return bytes.toString(UTF_8);
    }

    @Test
    void keysAreSortedWithEventAmongThem() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reason", "signal");
        fields.put("channel", "telegram");
        writer.emit("channel_stop", fields);
        assertEquals("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"signal\"}\n", output());
    }

    @Test
    void nullValuesAreWrittenAsNull() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("max_messages", null);
        fields.put("allow_from_count", 0L);
        writer.emit("channel_start", fields);
        assertEquals("{\"allow_from_count\":0,\"event\":\"channel_start\",\"max_messages\":null}\n", output());
    }

    @Test
    void messagesAreEscaped() {
        writer.emit("telemetry_error", Map.of("message", "bad \"file\"\n\u0001 /x \u00e9"));
        assertEquals("{\"event\":\"telemetry_error\",\"message\":\"bad \\\"file\\\"\\n\\u0001 /x \u00e9\"}\n", output());
    }

    @Test
    void literalLineIsPrintedAsIs() {
        writer.emitLiteral("{\"event\":\"channel_signal\",\"signal\":\"interrupt\",\"action\":\"graceful_stop\"}");
        assertEquals("{\"event\":\"channel_signal\",\"signal\":\"interrupt\",\"action\":\"graceful_stop\"}\n", output());
    }

    @Test
    void concurrentLinesNeverInterleave() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    writer.emit("turn", Map.of("n", (long) i, "thread", "t" + id, "pad", "x".repeat(300)));
                }
            }, "emitter-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        String[] lines = output().split("\n", -1);
        assertEquals(801, lines.length);
        assertEquals("", lines[800]);
        Pattern shape = Pattern.compile("\\{\"event\":\"turn\",\"n\":\\d+,\"pad\":\"x{300}\",\"thread\":\"t\\d\"}");
        for (int i = 0; i < 800; i++) {
            assertTrue(shape.matcher(lines[i]).matches(), lines[i]);
        }
    }

    @Test
    void writeFailuresAreIgnored() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("closed");
            }
        };
        EventWriter failing = new EventWriter(new PrintStream(broken, true, UTF_8));
        assertDoesNotThrow(() -> failing.emit("channel_stop", Map.of("channel", "telegram")));
        assertDoesNotThrow(() -> failing.emitLiteral("{}"));
    }

    @Test
    void unencodableEventIsNotWritten() {
        assertDoesNotThrow(() -> writer.emit("channel_stop", Map.of("channel", new Object())));
        assertEquals("", output());
    }
}
