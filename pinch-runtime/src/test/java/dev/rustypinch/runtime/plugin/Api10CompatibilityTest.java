package dev.rustypinch.runtime.plugin;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin compiled against the released API 1.0 jar loads and works in the 1.1 runtime (SPEC §18.2, §15.3): its tool
 * through {@code /tool}, its provider through a turn, in agent mode too (it supports no tools, so it gets plain requests).
 */
class Api10CompatibilityTest {
    @TempDir
    Path work;

    record Result(int code, String out, String err) {
    }

    private Result run(String env, String... args) throws IOException {
        Path plugins = work.resolve("plugins");
        if (!Files.exists(plugins)) {
            TestPlugins.installAll(plugins, TestPlugins.API_1_0_BUILT, TestPlugins.TOOL_CALLER);
        }
        Path envFile = work.resolve("test.env");
        Files.writeString(envFile, "RUSTY_PINCH_PLUGINS_DIR=" + plugins + "\nRUSTY_PINCH_API_KEY=k\n"
                + "RUSTY_PINCH_API_BASE=http://127.0.0.1:9\n" + env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pluginBuiltAgainstApi10IsListedAsLoaded() throws IOException {
        Result list = run("RUSTY_PINCH_PROVIDER=legacy\n", "plugins", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("legacy 1.0.0 api=1.0"), list.out());
    }

    @Test
    void toolBuiltAgainstApi10RunsThroughSlashTool() throws IOException {
        Result tool = run("RUSTY_PINCH_PROVIDER=legacy\n", "tools", "run", "--name", "legacy_echo", "--args", "{\"a\":1}");
        assertEquals(0, tool.code(), tool.err());
        assertEquals("[tool:legacy_echo]\nlegacy:{\"a\":1}\n", tool.out());
    }

    @Test
    void providerBuiltAgainstApi10AnswersATurn() throws IOException {
        Result turn = run("RUSTY_PINCH_PROVIDER=legacy\n", "run", "--message", "hello");
        assertEquals(0, turn.code(), turn.err());
        assertEquals("legacy saw 2 messages, last: hello\n", turn.out());
    }

    @Test
    void providerBuiltAgainstApi10GetsPlainRequestsInAgentMode() throws IOException {
        Result turn = run("RUSTY_PINCH_PROVIDER=legacy\nRUSTY_PINCH_AGENT_TOOLS=*\n", "run", "--message", "hello");
        assertEquals(0, turn.code(), turn.err());
        assertEquals("legacy saw 2 messages, last: hello\n", turn.out());
    }

    @Test
    void toolBuiltAgainstApi10IsCalledByTheModelWithItsArgsString() throws IOException {
        Result turn = run("RUSTY_PINCH_PROVIDER=tool-caller\nRUSTY_PINCH_AGENT_TOOLS=legacy_echo\n", "run", "--message", "hi");
        assertEquals(0, turn.code(), turn.err());
        assertEquals("model read: legacy:from the model\n", turn.out());
        assertTrue(turn.err().contains("\"status\":\"ok\",\"tool_name\":\"legacy_echo\"}"), turn.err());
    }
}
