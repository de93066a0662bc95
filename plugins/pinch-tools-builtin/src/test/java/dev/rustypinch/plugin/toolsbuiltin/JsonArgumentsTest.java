package dev.rustypinch.plugin.toolsbuiltin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API 1.1 form of the built-ins: the schemas of SPEC §18.2 and JSON object arguments. */
class JsonArgumentsTest {
    private static final TestToolContext CONTEXT = new TestToolContext("demo", "openai", "m",
            Clock.fixed(Instant.parse("2026-02-20T10:11:12Z"), ZoneOffset.UTC), history(8), null);

    private static List<SessionEntry> history(int count) {
        List<SessionEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(new SessionEntry("user", "m" + i, "2026-02-20T10:11:12+00:00"));
        }
        return entries;
    }

    private static String runJson(Tool tool, String arguments) throws ToolException {
        return tool.runJson(new JsonToolInvocation(tool.name(), arguments, "rp-1-1"), CONTEXT);
    }

    private static String failure(Tool tool, String arguments) {
        return assertThrows(ToolException.class, () -> runJson(tool, arguments)).getMessage();
    }

    @Test
    void schemasAreTheSpecsTexts() {
        assertEquals("{\"properties\":{},\"type\":\"object\"}", new ModelInfoTool().parametersSchema().orElseThrow());
        assertEquals("{\"properties\":{},\"type\":\"object\"}", new TimeNowTool().parametersSchema().orElseThrow());
        assertEquals("{\"properties\":{\"count\":{\"description\":\"How many of the latest messages to show (default 5, at most 50).\","
                + "\"maximum\":50,\"minimum\":1,\"type\":\"integer\"}},\"type\":\"object\"}",
                new SessionTailTool().parametersSchema().orElseThrow());
    }

    @Test
    void sessionTailTakesCountFromTheObject() throws ToolException {
        assertTrue(runJson(new SessionTailTool(), "{\"count\": 2}").contains("\"returned_messages\": 2"));
    }

    @Test
    void sessionTailWithoutCountShowsFive() throws ToolException {
        assertTrue(runJson(new SessionTailTool(), "{}").contains("\"returned_messages\": 5"));
        assertTrue(runJson(new SessionTailTool(), "{\"count\":null}").contains("\"returned_messages\": 5"));
    }

    @Test
    void sessionTailCountKeepsTheTextFormsRules() {
        assertEquals("count must be > 0", failure(new SessionTailTool(), "{\"count\":0}"));
        assertEquals("count must be a positive integer", failure(new SessionTailTool(), "{\"count\":-1}"));
        assertEquals("count must be a positive integer", failure(new SessionTailTool(), "{\"count\":\"3\"}"));
        assertEquals("count must be a positive integer", failure(new SessionTailTool(), "{\"count\":2.5}"));
    }

    @Test
    void sessionTailRejectsUnknownArguments() {
        assertEquals("unknown argument 'limit'; session_tail takes only count", failure(new SessionTailTool(), "{\"limit\":3}"));
    }

    @Test
    void toolsWithoutParametersTakeAnEmptyObject() throws ToolException {
        assertEquals("2026-02-20T10:11:12+00:00", runJson(new TimeNowTool(), "{}"));
        assertEquals("provider=openai\nmodel=m\nsession_id=demo", runJson(new ModelInfoTool(), " { } "));
    }

    @Test
    void toolsWithoutParametersRejectMembers() {
        assertEquals("time_now takes no arguments", failure(new TimeNowTool(), "{\"zone\":\"UTC\"}"));
        assertEquals("model_info takes no arguments", failure(new ModelInfoTool(), "{\"x\":{\"y\":[1]}}"));
    }

    @Test
    void aNonObjectIsRejected() {
        assertEquals("arguments must be a JSON object", failure(new TimeNowTool(), "[]"));
        assertEquals("arguments must be a JSON object", failure(new SessionTailTool(), "{\"count\":"));
    }
}
