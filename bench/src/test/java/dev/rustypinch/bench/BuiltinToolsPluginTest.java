package dev.rustypinch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.runtime.event.EventWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinToolsPluginTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearPluginsProperty() {
        System.clearProperty(BuiltinToolsPlugin.PLUGINS_DIR_PROPERTY);
    }

    @Test
    void pluginsDirectoryWithoutThePluginIsNamedInTheError() {
        System.setProperty(BuiltinToolsPlugin.PLUGINS_DIR_PROPERTY, dir.toString());
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> BuiltinToolsPlugin.load(dir,
                new EventWriter(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))));
        assertEquals(BuiltinToolsPlugin.PLUGINS_DIR_PROPERTY + "=" + dir + " holds no pinch-tools-builtin directory",
                failure.getMessage());
    }
}
