package dev.rustypinch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s warnings 17, 18, 22 and 23 (SPEC §4, §21): allowlist, data, secrets and plugin code. */
class DoctorAccessWarningsTest {
    private static final String WHATSAPP_OPEN =
            "WhatsApp channel enabled with an empty allowlist: anyone who can message the bridge account is answered";
    private static final String TELEGRAM_OPEN = "Telegram channel enabled with an empty allowlist: anyone who finds the bot can use it";

    @TempDir
    Path work;

    private Path envFile() {
        return work.resolve("test.env");
    }

    /** The warning lines of {@code doctor} with the local provider, the given {@code .env} lines and file mode. */
    private List<String> warningsWithEnvMode(String envMode, String... envLines) throws IOException {
        Path envFile = envFile();
        Files.writeString(envFile, "RUSTY_PINCH_PROVIDER=local\nRUSTY_PINCH_PLUGINS_DIR=" + work.resolve("plugins") + "\n"
                + String.join("\n", envLines) + "\n");
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString(envMode));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"doctor"}, Map.of("RUSTY_PINCH_ENV_FILE", envFile.toString()), work, null,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("- "))
                .map(line -> line.substring(2))
                .toList();
    }

    private List<String> warnings(String... envLines) throws IOException {
        return warningsWithEnvMode("rw-------", envLines);
    }

    private Path directory(String relative, String mode) throws IOException {
        Path directory = Files.createDirectories(work.resolve(relative));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(mode));
        return directory;
    }

    @Test
    void whatsappWithAnEmptyAllowlistIsWarnedAboutAfterTelegram() throws Exception {
        List<String> warnings = warnings("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true", "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=1:x",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true", "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://127.0.0.1:3001");
        assertEquals(List.of(TELEGRAM_OPEN, WHATSAPP_OPEN), warnings.subList(warnings.size() - 2, warnings.size()));
    }

    @Test
    void whatsappWithAnAllowlistOrDisabledIsNotWarnedAbout() throws Exception {
        assertFalse(warnings("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true", "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://127.0.0.1:3001",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM=alice").contains(WHATSAPP_OPEN));
        assertFalse(warnings().contains(WHATSAPP_OPEN));
    }

    @Test
    void aDataDirectoryOthersCanReadIsWarnedAbout() throws Exception {
        directory("data", "rwxr-x---");
        assertEquals(List.of("Data directory ./data is readable by other users"), warnings());
    }

    @Test
    void aSessionsDirectoryOthersCanEnterIsWarnedAboutEvenInAPrivateDataDirectory() throws Exception {
        directory("data", "rwx------");
        directory("data/sessions", "rwx-----x");
        assertEquals(List.of("Data directory ./data is readable by other users"), warnings());
    }

    @Test
    void aPrivateOrMissingDataDirectoryIsNotWarnedAbout() throws Exception {
        assertEquals(List.of(), warnings());
        directory("data", "rwx------");
        directory("data/sessions", "rwx------");
        assertEquals(List.of(), warnings());
    }

    @Test
    void anEnvFileOthersCanReadThatHoldsASecretIsWarnedAbout() throws Exception {
        assertEquals(List.of("Env file " + envFile() + " is readable by other users and holds secrets"),
                warningsWithEnvMode("rw-r--r--", "RUSTY_PINCH_API_KEY=sk-test"));
        assertEquals(List.of("Env file " + envFile() + " is readable by other users and holds secrets"),
                warningsWithEnvMode("rw-r-----", "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=1:x"));
    }

    @Test
    void anEnvFileWithoutSecretsOrOnlyForItsOwnerIsNotWarnedAbout() throws Exception {
        assertEquals(List.of(), warningsWithEnvMode("rw-r--r--", "RUSTY_PINCH_MODEL=test-model", "OPENAI_API_KEY="));
        assertEquals(List.of(), warningsWithEnvMode("rw-------", "OPENAI_API_KEY=sk-test"));
    }

    @Test
    void aPluginsDirectoryOthersCanWriteIsWarnedAbout() throws Exception {
        directory("plugins", "rwxrwxr-x");
        assertEquals(List.of("Plugins directory " + work.resolve("plugins")
                + " is writable by other users: anyone who can write there runs code as this user"), warnings());
    }

    @Test
    void aPluginFileOthersCanWriteIsWarnedAbout() throws Exception {
        Path plugin = directory("plugins/demo", "rwxr-xr-x");
        Path jar = Files.writeString(plugin.resolve("demo.jar"), "not a jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--rw-"));
        List<String> warnings = warnings();
        assertTrue(warnings.contains("Plugins directory " + work.resolve("plugins")
                + " is writable by other users: anyone who can write there runs code as this user"), warnings::toString);
    }

    @Test
    void aPluginsDirectoryOnlyItsOwnerCanWriteIsNotWarnedAbout() throws Exception {
        Path plugin = directory("plugins/demo", "rwxr-xr-x");
        Files.setPosixFilePermissions(work.resolve("plugins"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(plugin.resolve("demo.jar"), "not a jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(warnings().stream().noneMatch(warning -> warning.startsWith("Plugins directory ")));
    }

    @Test
    void accessWarningsComeInSpecOrder() throws Exception {
        directory("data", "rwxr-xr-x");
        directory("plugins", "rwxrwxrwx");
        List<String> warnings = warningsWithEnvMode("rw-r--r--", "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true",
                "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=1:x", "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://127.0.0.1:3001");
        assertEquals(List.of(
                "Telegram channel enabled but no loaded plugin provides channel 'telegram'",
                "WhatsApp channel enabled but no loaded plugin provides channel 'whatsapp'",
                TELEGRAM_OPEN,
                WHATSAPP_OPEN,
                "Data directory ./data is readable by other users",
                "Env file " + envFile() + " is readable by other users and holds secrets",
                "Plugins directory " + work.resolve("plugins")
                        + " is writable by other users: anyone who can write there runs code as this user"), warnings);
    }
}
