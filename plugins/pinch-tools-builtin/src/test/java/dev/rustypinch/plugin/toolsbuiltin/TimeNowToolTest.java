package dev.rustypinch.plugin.toolsbuiltin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeNowToolTest {
    private final TimeNowTool tool = new TimeNowTool();

    private static TestToolContext at(String instant) {
        return new TestToolContext("demo", "openai", "m", Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), List.of(), null);
    }

    @Test
    void printsTheContextClockWithMillisecondsAndUtcOffset() throws ToolException {
        String output = tool.run(new ToolInvocation("time_now", "", "rp-1-1"), at("2026-02-20T10:11:12.120Z"));

        assertEquals("2026-02-20T10:11:12.120+00:00", output);
    }

    @Test
    void wholeSecondsHaveNoFraction() throws ToolException {
        assertEquals("2026-02-20T10:11:12+00:00", tool.run(new ToolInvocation("time_now", "", "rp-1-1"), at("2026-02-20T10:11:12Z")));
    }

    @Test
    void argumentsAreRejected() {
        ToolException failure = assertThrows(ToolException.class,
                () -> tool.run(new ToolInvocation("time_now", "now", "rp-1-1"), at("2026-02-20T10:11:12Z")));

        assertEquals("time_now takes no arguments", failure.getMessage());
    }

    @Test
    void describesItselfAsTheSpecLists() {
        assertEquals("time_now", tool.name());
        assertEquals("Show current UTC timestamp in RFC3339.", tool.description());
        assertEquals("/tool time_now", tool.usage());
    }
}
