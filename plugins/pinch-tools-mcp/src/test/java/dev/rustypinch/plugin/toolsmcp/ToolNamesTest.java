package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, usage lines and descriptions of SPEC §19.2. */
class ToolNamesTest {
    @Test
    void nameIsLowercasedWithDisallowedCharactersReplaced() {
        assertEquals("files_read_file_v2", ToolNames.toolName("files", "Read.File V2"));
        assertEquals("everything_get-sum", ToolNames.toolName("everything", "get-sum"));
    }

    @Test
    void aNameOver64CharactersKeeps55AndAHashOfTheFullName() throws Exception {
        String tool = "t".repeat(70);
        String full = "srv_" + tool;
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(full.getBytes(StandardCharsets.UTF_8))).substring(0, 8);

        String name = ToolNames.toolName("srv", tool);

        assertEquals(full.substring(0, 55) + "_" + hash, name);
        assertEquals(64, name.length());
    }

    @Test
    void usageWithRequiredAndOptionalArguments() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("b", Map.of());
        properties.put("opt", Map.of());
        properties.put("a", Map.of());
        Map<String, Object> schema = Map.of("type", "object", "properties", properties, "required", List.of("a", "b"));

        assertEquals("/tool s_t {json} b*, a*, opt", ToolNames.usage("s_t", schema));
    }

    @Test
    void usageWithOnlyOptionalArguments() {
        assertEquals("/tool s_t {json} x", ToolNames.usage("s_t", Map.of("properties", Map.of("x", Map.of()))));
    }

    @Test
    void descriptionFallsBackToTitleThenAGeneratedText() {
        assertEquals("Reads a file.", ToolNames.description("files", "read", "Reads\n  a file.", "Read"));
        assertEquals("Read", ToolNames.description("files", "read", " ", "Read"));
        assertEquals("MCP tool read on files", ToolNames.description("files", "read", null, null));
    }
}
