package dev.rustypinch.plugin.toolsmcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rustypinch.api.DoctorReport;
import dev.rustypinch.api.ToolSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration and doctor contributions (SPEC §19.1, §4 warning 20). */
class McpToolSourceFactoryTest {
    @TempDir
    Path dir;

    private DoctorReport doctor(String json, Map<String, String> settings) throws Exception {
        Path file = dir.resolve("servers.json");
        Files.writeString(file, json);
        Map<String, String> all = new HashMap<>(settings);
        all.put(McpToolSourceFactory.CONFIG_KEY, file.toString());
        return new McpToolSourceFactory().doctor(new TestContext(all, dir));
    }

    @Test
    void withoutAConfigurationThereAreNoServersAndNoTools() {
        TestContext context = new TestContext(Map.of(), dir);
        assertEquals(new DoctorReport(List.of("mcp_servers: 0"), List.of(), List.of()),
                new McpToolSourceFactory().doctor(context));
        try (ToolSource source = new McpToolSourceFactory().create(context)) {
            assertEquals(List.of(), source.tools().tools());
            assertEquals(List.of(), source.tools().warnings());
        }
    }

    @Test
    void doctorCountsEnabledEntriesValidOrNotAndWarnsPerServerInNameOrder() throws Exception {
        DoctorReport report = doctor("""
                {"mcpServers": {
                  "zeta": {"command": "z", "timeout_secs": 0},
                  "files": {"command": "npx", "args": ["-y", "server", "${ROOT}"]},
                  "old": {"command": "old-server", "disabled": true},
                  "alpha": {"url": "ftp://example.org", "comand": "x"},
                  "search": {"url": "https://mcp.example.org/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}
                }}""", Map.of("ROOT", "/srv/notes"));

        assertEquals(List.of("mcp_servers: 4"), report.lines());
        assertEquals(List.of(
                "MCP server 'alpha': unknown key \"comand\"; did you mean \"command\"?",
                "MCP server 'alpha': \"url\" must start with http:// or https://",
                "MCP server 'search': unknown variable ${TOKEN} in headers.Authorization; set it in the environment or the"
                        + " .env file",
                "MCP server 'zeta': \"timeout_secs\" must be a whole number from 1 to 3600"), report.warnings());
        assertEquals(List.of("files_"), report.toolNamePrefixes());
    }

    @Test
    void aFileThatIsNotJsonIsAConfigWarning() throws Exception {
        DoctorReport report = doctor("{\"mcpServers\": {", Map.of());

        assertEquals(List.of("mcp_servers: 0"), report.lines());
        assertEquals(1, report.warnings().size());
        assertEquals("MCP config " + dir.resolve("servers.json") + ": not valid JSON at line 1, column 17",
                report.warnings().get(0));
    }

    @Test
    void aMissingFileIsAConfigWarning() {
        Path missing = dir.resolve("missing.json");
        DoctorReport report = new McpToolSourceFactory().doctor(new TestContext(
                Map.of(McpToolSourceFactory.CONFIG_KEY, missing.toString()), dir));

        assertEquals(List.of("MCP config " + missing + ": cannot be read: no such file"), report.warnings());
    }

    @Test
    void doctorNeverStartsAServer() throws Exception {
        Path marker = dir.resolve("started");
        doctor("{\"mcpServers\": {\"touchy\": {\"command\": \"touch\", \"args\": [\"" + marker + "\"]}}}", Map.of());

        Thread.sleep(300);
        assertFalse(Files.exists(marker));
    }
}
