package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PromptBuilderTest {
    @Test
    void systemMessageIsExact() {
        String identity = "You are Rusty Pinch, a pragmatic Rust-first assistant.";
        assertEquals(identity + "\n\n# Rusty Pinch\n\n" + identity + "\n\nProvider: openai\nModel: gpt\n\n## Session\ndemo\n\n## User\nhi there",
                new PromptBuilder().systemMessage("openai", "gpt", "demo", "hi there"));
    }

    @Test
    void sameKeyHitsAndChangedKeyMisses() {
        PromptBuilder prompts = new PromptBuilder();
        prompts.systemMessage("openai", "gpt", "a", "x");
        prompts.systemMessage("openai", "gpt", "b", "y");
        assertEquals(1, prompts.misses());
        assertEquals(1, prompts.hits());
        prompts.systemMessage("openai", "other", "a", "x");
        assertEquals(2, prompts.misses());
    }
}
