package dev.rustypinch.plugin.provideropenai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestEncoderTest {
    private final ChatRequestEncoder encoder = new ChatRequestEncoder();

    private String encode(String content) throws IOException {
        ChatRequest request = new ChatRequest("m", List.of(new ChatMessage("user", content)), 0.2);
        return new String(encoder.encode(request), StandardCharsets.UTF_8);
    }

    @Test
    void bodyIsCompactWithAlphabeticalKeys() throws IOException {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(
                new ChatMessage("system", "Rusty Pinch\n\nBe brief."),
                new ChatMessage("user", "earlier"),
                new ChatMessage("user", "hello")), 0.2);

        assertEquals("{\"messages\":[{\"content\":\"Rusty Pinch\\n\\nBe brief.\",\"role\":\"system\"},"
                + "{\"content\":\"earlier\",\"role\":\"user\"},{\"content\":\"hello\",\"role\":\"user\"}],"
                + "\"model\":\"gpt-4o-mini\",\"temperature\":0.2}",
                new String(encoder.encode(request), StandardCharsets.UTF_8));
    }

    @Test
    void shortEscapesAreUsedForQuoteBackslashAndCommonControls() throws IOException {
        assertEquals("{\"messages\":[{\"content\":\"\\\" \\\\ \\b \\f \\n \\r \\t\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2}", encode("\" \\ \b \f \n \r \t"));
    }

    @Test
    void otherControlCharactersUseLowercaseHex() throws IOException {
        assertEquals("{\"messages\":[{\"content\":\"\\u0000\\u001b\\u001f\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2}", encode("\u0000\u001b\u001f"));
    }

    @Test
    void slashDeleteAndNonAsciiStayRaw() throws IOException {
        assertEquals("{\"messages\":[{\"content\":\"a/b \u007f é \u2028 😀\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2}", encode("a/b \u007f é \u2028 😀"));
    }

    @Test
    void unpairedSurrogateIsWrittenAsLowercaseEscape() throws IOException {
        assertEquals("{\"messages\":[{\"content\":\"x\\ud800y\",\"role\":\"user\"}],"
                + "\"model\":\"m\",\"temperature\":0.2}", encode("x\ud800y"));
    }
}
