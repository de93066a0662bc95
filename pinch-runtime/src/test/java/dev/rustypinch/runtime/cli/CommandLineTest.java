package dev.rustypinch.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static Command parse(String... args) throws UsageException {
        return CommandLine.parse(args);
    }

    private static UsageException usageError(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args));
    }

    @Test
    void noSubcommandIsDoctor() throws Exception {
        assertEquals(new Command.Doctor(false), parse());
        assertEquals(new Command.Doctor(true), parse("doctor", "--strict"));
    }

    @Test
    void versionFlagsAreTheVersionCommand() throws Exception {
        assertEquals(new Command.Version(), parse("--version"));
        assertEquals(new Command.Version(), parse("-V"));
    }

    @Test
    void versionFlagWithMoreArgumentsIsAUsageError() {
        assertTrue(usageError("--version", "doctor").getMessage().contains("unexpected argument 'doctor'"));
        usageError("doctor", "--version");
    }

    @Test
    void runTakesSessionAndRequiredMessage() throws Exception {
        assertEquals(new Command.Run("default", "hello"), parse("run", "--message", "hello"));
        assertEquals(new Command.Run("s1", "a b"), parse("run", "--session=s1", "--message", "a b"));
        assertTrue(usageError("run").getMessage().contains("--message <MESSAGE>"));
    }

    @Test
    void toolsRunDefaultsArgsToEmpty() throws Exception {
        assertEquals(new Command.ToolsRun("default", "model_info", ""), parse("tools", "run", "--name", "model_info"));
    }

    @Test
    void groupsWithoutSubcommandAreUsageErrors() {
        usageError("tools");
        usageError("channels");
        usageError("plugins");
        usageError("channels", "signal");
    }

    @Test
    void unknownCommandsAndFlagsAreUsageErrors() {
        assertTrue(usageError("bogus").getMessage().contains("bogus"));
        assertTrue(usageError("stats", "--verbose").getMessage().contains("--verbose"));
        usageError("--verbose");
    }

    @Test
    void aFlagValueThatLooksLikeAFlagIsAUsageError() {
        assertEquals("a value is required for '--message <MESSAGE>' but none was supplied",
                usageError("run", "--message", "--session", "s1").getMessage());
        usageError("run", "--message", "-x");
        usageError("tools", "run", "--name", "--args", "5");
    }

    @Test
    void aValueStartingWithADashIsTakenWithEqualsOrWhenItIsADashAloneOrANegativeNumber() throws Exception {
        assertEquals(new Command.Run("default", "-x"), parse("run", "--message=-x"));
        assertEquals(new Command.Run("default", "-"), parse("run", "--message", "-"));
        assertEquals(new Command.ToolsRun("default", "session_tail", "-1"),
                parse("tools", "run", "--name", "session_tail", "--args", "-1"));
    }

    @Test
    void aFlagGivenTwiceIsAUsageError() {
        usageError("run", "--message", "a", "--message", "b");
        usageError("run", "--message=a", "--message=b");
        usageError("doctor", "--strict", "--strict");
    }

    @Test
    void renderedUsageErrorStartsWithErrorAndHasAUsageHint() {
        String text = usageError("bogus").render();
        assertTrue(text.startsWith("error: "));
        assertTrue(text.contains("Usage: rusty-pinch"));
    }

    @Test
    void positiveIntegerFlagsAreTrimmed() throws Exception {
        assertEquals(new Command.Channels("telegram", 2), parse("channels", "telegram", "--max-messages", " 2 "));
        Command.Monitor monitor = (Command.Monitor) parse("monitor", "--pid", "42", "--once");
        assertEquals(42, monitor.pid());
        assertEquals(1000, monitor.intervalMs());
        assertEquals(10, monitor.storageRefreshTicks());
        assertEquals("rusty-pinch", monitor.processMatch());
    }

    @Test
    void nonNumbersAndZeroGiveTheSpecMessages() {
        assertTrue(usageError("channels", "telegram", "--max-messages", "abc").getMessage().contains("invalid positive integer: abc"));
        assertTrue(usageError("monitor", "--interval-ms", "0").getMessage().contains("value must be >= 1"));
        assertTrue(usageError("monitor", "--pid", "-1").getMessage().contains("invalid positive integer: -1"));
        assertTrue(usageError("monitor", "--pid", "2147483648").getMessage().contains("invalid positive integer"));
    }

    @Test
    void helpAnywhereIsHelp() throws Exception {
        assertInstanceOf(Command.Help.class, parse("--help"));
        assertInstanceOf(Command.Help.class, parse("run", "-h"));
    }
}
