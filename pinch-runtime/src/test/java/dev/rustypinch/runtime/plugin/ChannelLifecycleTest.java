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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code channels telegram} with channel plugins that misbehave around the start (SPEC §1, §12.1, §12.6). */
class ChannelLifecycleTest {
    @TempDir
    Path work;

    record Result(int code, String out, String err) {
    }

    private Result runTelegram(TestPlugins plugin, String... extraArgs) throws IOException {
        Path plugins = work.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            plugin.installInto(plugins);
        }
        Path envFile = work.resolve("test.env");
        Files.writeString(envFile, "RUSTY_PINCH_PLUGINS_DIR=" + plugins + "\n"
                + "RUSTY_PINCH_DATA_DIR=" + work.resolve("data") + "\n"
                + "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true\n"
                + "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=123:secret-token\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("channels", "telegram"));
        args.addAll(List.of(extraArgs));
        int code = Main.run(args.toArray(String[]::new), Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work,
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

    @Test
    void channelWithoutStorageCodeGetsItsQueuedMessagesBackFromTheJournalAfterAStop() throws Exception {
        Result first = runTelegram(TestPlugins.TAPE);
        assertEquals(0, first.code(), first.err());
        assertEquals(List.of("m1"), Files.readAllLines(work.resolve("data/replies.txt")), first.err());

        Result second = runTelegram(TestPlugins.TAPE, "--max-messages", "19");

        assertEquals(0, second.code(), second.err());
        List<String> rest = IntStream.rangeClosed(2, 20).mapToObj(i -> "m" + i).toList();
        assertEquals(rest, Files.readAllLines(work.resolve("data/resumed.txt")));
        List<String> all = new ArrayList<>(List.of("m1"));
        all.addAll(rest);
        assertEquals(all, Files.readAllLines(work.resolve("data/replies.txt")), "each message answered once, in order");
        assertTrue(second.err().endsWith("{\"channel\":\"telegram\",\"event\":\"channel_stop\",\"reason\":\"max_messages\"}\n"),
                second.err());
    }
}
