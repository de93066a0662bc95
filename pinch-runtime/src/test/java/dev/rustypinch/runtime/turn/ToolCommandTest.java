package dev.rustypinch.runtime.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolCommandTest {
    @Test
    void nameAndArgsAreSplitAtTheFirstWhitespace() {
        assertEquals(Optional.of(new ToolCommand("session_tail", "7")), ToolCommand.parse("/tool session_tail 7"));
    }

    @Test
    void toolAloneOrWithBlanksHasAnEmptyName() {
        assertEquals(Optional.of(new ToolCommand("", "")), ToolCommand.parse("/tool   "));
        assertEquals(Optional.of(new ToolCommand("", "")), ToolCommand.parse("/tool"));
    }

    @Test
    void prefixesThatAreNotFollowedByWhitespaceAreNotToolCommands() {
        assertTrue(ToolCommand.parse("/toolbox model_info").isEmpty());
        assertTrue(ToolCommand.parse("/toolx").isEmpty());
        assertTrue(ToolCommand.parse("/TOOL model_info").isEmpty());
        assertTrue(ToolCommand.parse("hello /tool x").isEmpty());
    }

    @Test
    void inputIsTrimmedWithUnicodeWhitespaceAndArgsKeepInnerSpacing() {
        assertEquals(Optional.of(new ToolCommand("session_tail", "5  6")), ToolCommand.parse("\u00A0 /tool\u2003session_tail   5  6 \n"));
    }

    @Test
    void argsWithNewlinesStayInTheArgs() {
        assertEquals(Optional.of(new ToolCommand("session_tail", "5\n6")), ToolCommand.parse("/tool session_tail 5\n6"));
    }

    @Test
    void commandTextOmitsEmptyArgs() {
        assertEquals("/tool model_info", new ToolCommand("model_info", "").commandText());
        assertEquals("/tool session_tail 7", new ToolCommand("session_tail", "7").commandText());
    }
}
