package dev.rustypinch.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.runtime.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's agent-mode lines and warnings 19 and 24 (SPEC §4, §18.1), through the real CLI without plugins. */
class AgentDoctorTest {
    @TempDir
    Path work;

    private String doctor(String env) throws IOException {
        Path envFile = work.resolve("test.env");
        Files.writeString(envFile, "RUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\nRUSTY_PINCH_PROVIDER=local\n" + env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"doctor"}, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> warnings(String doctor) {
        return doctor.lines().filter(line -> line.startsWith("- ")).map(line -> line.substring(2)).toList();
    }

    @Test
    void agentLinesFollowThePluginLinesBeforeMcpServers() throws IOException {
        String out = doctor("");
        assertTrue(out.endsWith("plugins: loaded=0 failed=0 disabled=0\nagent_tools: -\nagent_max_rounds: 6\nmcp_servers: 0\n"), out);
        assertTrue(out.contains("status: ok\n"), out);
    }

    @Test
    void listedToolsShowSorted() throws IOException {
        assertTrue(doctor("RUSTY_PINCH_AGENT_TOOLS=*\nRUSTY_PINCH_AGENT_MAX_ROUNDS=3\n")
                .endsWith("agent_tools: *\nagent_max_rounds: 3\nmcp_servers: 0\n"));
    }

    @Test
    void unknownListedToolsAndBadRoundsAreWarnedInOrder() throws IOException {
        String out = doctor("RUSTY_PINCH_AGENT_TOOLS=zeta,alpha\nRUSTY_PINCH_AGENT_MAX_ROUNDS=40\n");
        assertEquals(List.of("RUSTY_PINCH_AGENT_TOOLS names unknown tool 'alpha'",
                "RUSTY_PINCH_AGENT_TOOLS names unknown tool 'zeta'",
                "RUSTY_PINCH_AGENT_MAX_ROUNDS must be between 1 and 32 (got '40')"), warnings(out));
        assertTrue(out.endsWith("agent_tools: alpha,zeta\nagent_max_rounds: 6\nmcp_servers: 0\n"), out);
    }

    @Test
    void agentToolsWithAnOpenChannelAreWarnedLast() throws IOException {
        String out = doctor("RUSTY_PINCH_AGENT_TOOLS=*\nRUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=t\nRUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://127.0.0.1:1\n");
        List<String> warnings = warnings(out);
        assertEquals("Agent tools are enabled while the Telegram allowlist is empty: anyone who can message the bot can make "
                + "it run tools", warnings.get(warnings.size() - 2));
        assertEquals("Agent tools are enabled while the WhatsApp allowlist is empty: anyone who can message the bot can make "
                + "it run tools", warnings.get(warnings.size() - 1));
    }

    @Test
    void openChannelWithoutAgentModeGetsNoAgentWarning() throws IOException {
        String out = doctor("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true\nRUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://127.0.0.1:1\n");
        assertTrue(warnings(out).stream().noneMatch(w -> w.startsWith("Agent tools")), out);
    }
}
