package dev.rustypinch.plugin.toolsmcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rustypinch.api.ToolException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** A {@code tools/call} result as tool output (SPEC §19.4). */
final class CallResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallResults() {
    }

    /**
     * The {@code text} items joined by {@code \n}, embedded text resources contributing their text, other items as
     * {@code [<type> omitted]}; with no item but {@code structuredContent}, its compact JSON.
     *
     * @throws ToolException the result has {@code isError: true}; the reason is that text
     */
    static String text(McpSchema.CallToolResult result) throws ToolException {
        List<String> parts = new ArrayList<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (McpSchema.Content item : content) {
            parts.add(part(item));
        }
        String text = String.join("\n", parts);
        if (content.isEmpty() && result.structuredContent() != null) {
            try {
                text = JSON.writeValueAsString(result.structuredContent());
            } catch (JsonProcessingException e) {
                text = String.valueOf(result.structuredContent());
            }
        }
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolException(text.isBlank() ? "the server reported an error without a message" : text);
        }
        return text;
    }

    private static String part(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent textContent) {
            return textContent.text() == null ? "" : textContent.text();
        }
        if (item instanceof McpSchema.EmbeddedResource embedded
                && embedded.resource() instanceof McpSchema.TextResourceContents resourceText) {
            return resourceText.text() == null ? "" : resourceText.text();
        }
        return "[" + item.type() + " omitted]";
    }
}
