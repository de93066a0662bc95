package dev.rustypinch.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-time tool sources (API 1.1, SPEC §19) through the CLI, with the fixture source plugin. */
class RunTimeToolSourceTest {
    @TempDir
    Path work;
    private Path marks;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void createMarks() throws IOException {
        marks = Files.createDirectories(work.resolve("marks"));
    }

    private Result run(String env, String... args) throws IOException {
        Path envFile = work.resolve("test.env");
        // The test's own lines first: within a .env file the first occurrence wins.
        Files.writeString(envFile, env + "RUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n"
                + "RUSTY_PINCH_DATA_DIR=" + work.resolve("data") + "\nRUSTY_PINCH_PROVIDER=local\n"
                + "FIXTURE_MARKS=" + marks + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private boolean marked(String name) {
        return Files.exists(marks.resolve(name));
    }

    @Test
    void aPluginContributingOnlyASourceLoadsWithNoStaticTools() throws Exception {
        Path source = TestPlugins.SOURCE.installInto(work.resolve("plugins"));

        Result list = run("", "plugins", "list");

        assertEquals("source 1.0.0 api=1.1 source=" + source + " providers=- channels=- tools=-\n", list.out());
        assertFalse(marked("started"));
    }

    @Test
    void toolsListMergesDiscoveredToolsWithStaticOnesAndWarnsOnStderr() throws Exception {
        TestPlugins.installAll(work.resolve("plugins"), TestPlugins.SOURCE, TestPlugins.ECHO);

        Result list = run("FIXTURE_TOOLS=zeta,alpha\nFIXTURE_WARN=yes\n", "tools", "list");

        assertEquals(0, list.code());
        assertEquals(List.of("alpha", "echo", "zeta"), list.out().lines().filter(line -> !line.startsWith(" "))
                .map(line -> line.substring(0, line.indexOf(' '))).toList());
        assertTrue(list.out().contains("alpha - Discovered tool alpha.\n  usage: /tool alpha {json}\n"), list.out());
        assertEquals("WARN fixture part 'down' unavailable\n", list.err());
    }

    @Test
    void aDiscoveredNameThatAStaticToolHasIsSkippedWithAWarning() throws Exception {
        TestPlugins.installAll(work.resolve("plugins"), TestPlugins.SOURCE, TestPlugins.ECHO);

        Result list = run("FIXTURE_TOOLS=echo\n", "tools", "list");

        assertTrue(list.out().startsWith("echo - "), list.out());
        assertFalse(list.out().contains("Discovered tool echo"), list.out());
        assertEquals("WARN tool 'echo' skipped: another tool already has that name\n", list.err());
    }

    @Test
    void theSourceIsClosedWhenTheCommandEnds() throws Exception {
        TestPlugins.SOURCE.installInto(work.resolve("plugins"));

        run("FIXTURE_TOOLS=alpha\n", "tools", "list");

        assertTrue(marked("started"));
        assertTrue(marked("closed"));
    }

    @Test
    void agentModeListingOnlyStaticToolsNeverStartsTheSource() throws Exception {
        TestPlugins.installAll(work.resolve("plugins"), TestPlugins.SOURCE, TestPlugins.ECHO, TestPlugins.TOOL_CALLER);
        String agent = "FIXTURE_TOOLS=alpha\nRUSTY_PINCH_PROVIDER=tool-caller\nRUSTY_PINCH_API_KEY=k\n"
                + "RUSTY_PINCH_API_BASE=http://127.0.0.1:9\n";

        Result listed = run(agent + "RUSTY_PINCH_AGENT_TOOLS=echo\n", "run", "--message", "hi");

        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().startsWith("model read: "), listed.out());
        assertFalse(marked("started"), "a list of static tools started the source");

        Result all = run(agent + "RUSTY_PINCH_AGENT_TOOLS=*\n", "run", "--message", "hi");

        assertEquals(0, all.code(), all.err());
        assertTrue(marked("started"), "'*' offers the discovered tools too");
    }

    @Test
    void aStaticToolNeverStartsTheSource() throws Exception {
        TestPlugins.installAll(work.resolve("plugins"), TestPlugins.SOURCE, TestPlugins.ECHO);

        Result turn = run("FIXTURE_TOOLS=alpha\n", "run", "--message", "/tool echo hi");

        assertEquals(0, turn.code(), turn.err());
        assertFalse(marked("started"));
        assertFalse(marked("closed"));
    }

    @Test
    void toolCommandWithANonStaticNameAsksTheSources() throws Exception {
        TestPlugins.SOURCE.installInto(work.resolve("plugins"));

        Result turn = run("FIXTURE_TOOLS=alpha\n", "run", "--message", "/tool alpha {\"a\":1}");

        assertEquals(0, turn.code(), turn.err());
        assertTrue(turn.out().startsWith("[tool:alpha]\n"), turn.out());
        assertTrue(marked("closed"));
    }

    @Test
    void anUnknownToolListsDiscoveredNamesToo() throws Exception {
        TestPlugins.SOURCE.installInto(work.resolve("plugins"));

        Result turn = run("FIXTURE_TOOLS=alpha,beta\n", "run", "--message", "/tool gamma");

        assertEquals(1, turn.code());
        assertTrue(turn.err().contains("unknown tool 'gamma'. available: alpha, beta\n"), turn.err());
    }

    @Test
    void doctorAddsTheSourceLinesAndWarningsWithoutStartingIt() throws Exception {
        TestPlugins.SOURCE.installInto(work.resolve("plugins"));

        Result doctor = run("FIXTURE_TOOLS=a,b\n", "doctor");

        assertTrue(doctor.out().endsWith("\nmcp_servers: 2\nfixture_tools: 2\n"), doctor.out());
        assertTrue(doctor.out().contains("\n- MCP server 'down': fixture problem\nruntime_version: "), doctor.out());
        assertFalse(marked("started"));
        assertFalse(marked("background"));
    }

    @Test
    void doctorPrintsMcpServersZeroWithoutAnySourcePlugin() throws Exception {
        TestPlugins.ECHO.installInto(work.resolve("plugins"));

        Result doctor = run("", "doctor");

        assertTrue(doctor.out().endsWith("\nmcp_servers: 0\n"), doctor.out());
    }
}
