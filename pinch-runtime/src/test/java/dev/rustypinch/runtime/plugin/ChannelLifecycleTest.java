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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code channels telegram} with channel plugins that misbehave around the start (SPEC §1, §12.1, §12.6). */
class ChannelLifecycleTest {
    @TempDir
    Path work;

    record Result(int code, String out, String err) {
    }

    private Result runTelegram(TestPlugins plugin) throws IOException {
        Path plugins = work.resolve("plugins");
        plugin.installInto(plugins);
        Path envFile = work.resolve("test.env");
        Files.writeString(envFile, "RUSTY_PINCH_PLUGINS_DIR=" + plugins + "\n"
                + "RUSTY_PINCH_DATA_DIR=" + work.resolve("data") + "\n"
                + "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=123:secret-token\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"channels", "telegram"}, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work,
                null, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void channelThatThrowsInStartIsACommandErrorWithExitOne() throws Exception {
        Result result = runTelegram(TestPlugins.START_THROWS);

        assertEquals(1, result.code());
        assertTrue(result.err().endsWith("Error: channel 'telegram' failed to start: IllegalStateException: "
                + "cannot reach the chat service; see 'rusty-pinch plugins list'\n"), result.err());
        assertFalse(result.err().contains("channel_stop"), result.err());
    }

    @Test
    void signalBeforeChannelStartStopsGracefullyWithoutStartingTheChannel() throws Exception {
        Result result = runTelegram(TestPlugins.SIGNAL_BEFORE_START);

        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("{\"event\":\"channel_signal\",\"signal\":\"interrupt\",\"action\":\"graceful_stop\"}\n"),
                result.err());
        assertTrue(result.err().endsWith("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"signal\"}\n"),
                result.err());
    }
}
