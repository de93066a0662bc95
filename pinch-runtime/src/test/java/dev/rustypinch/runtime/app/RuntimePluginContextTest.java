package dev.rustypinch.runtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.runtime.config.Environment;
import dev.rustypinch.runtime.config.PluginConfigView;
import dev.rustypinch.runtime.event.EventWriter;
import dev.rustypinch.runtime.session.SessionStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API 1.1 parts of the plugin context: the model name and sessions read through the store. */
class RuntimePluginContextTest {
    @TempDir
    Path data;

    private RuntimePluginContext context() throws Exception {
        Environment environment = Environment.of(Map.of(), Map.of());
        PluginConfig config = new PluginConfigView(environment, List.of());
        return new RuntimePluginContext("pinch-channel-web", config, new EventWriter(new PrintStream(new ByteArrayOutputStream())),
                data, Clock.systemUTC(), "1.0.0", environment, new PrintStream(new ByteArrayOutputStream()), "test-model",
                new SessionStore(data));
    }

    @Test
    void modelNameIsTheResolvedModel() throws Exception {
        assertEquals("test-model", context().modelName());
    }

    @Test
    void sessionEntriesAreReadThroughTheStoreAndAMissingSessionIsEmpty() throws Exception {
        RuntimePluginContext context = context();
        assertEquals(List.of(), context.sessionEntries("web:nobody"));
        new SessionStore(data).appendTurn("web:alice", new SessionEntry("user", "hello", "2026-02-20T10:11:12+00:00"),
                new SessionEntry("assistant", "hi", "2026-02-20T10:11:13+00:00"));

        assertEquals(List.of(new SessionEntry("user", "hello", "2026-02-20T10:11:12+00:00"),
                new SessionEntry("assistant", "hi", "2026-02-20T10:11:13+00:00")), context.sessionEntries("web:alice"));
    }

    @Test
    void anUndecodableSessionIsAnIoExceptionNamingTheFile() throws Exception {
        Path file = Files.createDirectories(data.resolve("sessions")).resolve("web_broken.jsonl");
        Files.writeString(file, "[1]\n");

        IOException e = assertThrows(IOException.class, () -> context().sessionEntries("web:broken"));
        assertTrue(e.getMessage().contains("failed to decode session entry in"), e.getMessage());
    }
}
