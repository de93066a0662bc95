package dev.rustypinch.plugin.toolsbuiltin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInfoToolTest {
    private final ModelInfoTool tool = new ModelInfoTool();

    @Test
    void printsProviderModelAndRawSessionId() throws ToolException {
        TestToolContext context = new TestToolContext("telegram:42", "openai", "gpt-4o-mini", Clock.systemUTC(), List.of(), null);

        String output = tool.run(new ToolInvocation("model_info", "", "rp-1-1"), context);

        assertEquals("provider=openai\nmodel=gpt-4o-mini\nsession_id=telegram:42", output);
    }

    @Test
    void emptyProviderAndModelArePrintedEmpty() throws ToolException {
        TestToolContext context = new TestToolContext("demo", "", "", Clock.systemUTC(), List.of(), null);

        assertEquals("provider=\nmodel=\nsession_id=demo", tool.run(new ToolInvocation("model_info", "", "rp-1-1"), context));
    }

    @Test
    void argumentsAreRejected() {
        ToolException failure = assertThrows(ToolException.class,
                () -> tool.run(new ToolInvocation("model_info", "x", "rp-1-1"), TestToolContext.withHistory("demo", List.of())));

        assertEquals("model_info takes no arguments", failure.getMessage());
    }

    @Test
    void describesItselfAsTheSpecLists() {
        assertEquals("model_info", tool.name());
        assertEquals("Show current runtime provider/model info.", tool.description());
        assertEquals("/tool model_info", tool.usage());
    }
}
