package dev.rustypinch.runtime.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    @Test
    void processEnvironmentWinsEvenWhenEmpty() {
        Environment env = Environment.of(Map.of("A", ""), Map.of("A", "file"));
        assertEquals(Optional.of(""), env.get("A"));
    }

    @Test
    void fileFillsGaps() {
        Environment env = Environment.of(Map.of("A", "process"), Map.of("A", "file", "B", "file"));
        assertEquals(Optional.of("process"), env.get("A"));
        assertEquals(Optional.of("file"), env.get("B"));
        assertEquals(Optional.empty(), env.get("C"));
    }

    @Test
    void dotEnvInWorkingDirectoryIsLoaded() throws Exception {
        Path file = write(".env", "A=1\n");
        Environment env = Environment.load(Map.of(), dir);
        assertEquals(Optional.of("1"), env.get("A"));
        assertEquals(Optional.of(file), env.sourceFile());
    }

    @Test
    void processEnvironmentWinsOverDotEnv() throws Exception {
        write(".env", "A=file\nB=file\n");
        Environment env = Environment.load(Map.of("A", ""), dir);
        assertEquals(Optional.of(""), env.get("A"));
        assertEquals(Optional.of("file"), env.get("B"));
    }

    @Test
    void withoutAnyFileOnlyTheProcessEnvironmentIsSeen() throws Exception {
        Environment env = Environment.load(Map.of("A", "1"), dir);
        assertEquals(Optional.of("1"), env.get("A"));
        assertEquals(Optional.empty(), env.sourceFile());
    }

    @Test
    void envFileVariableLoadsThatFileInsteadOfDotEnv() throws Exception {
        write(".env", "FROM_DOT_ENV=1\n");
        Path other = write("custom.env", "FROM_CUSTOM=1\n");
        Environment env = Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", "  " + other + " \t"), dir);
        assertEquals(Optional.of("1"), env.get("FROM_CUSTOM"));
        assertEquals(Optional.empty(), env.get("FROM_DOT_ENV"));
    }

    @Test
    void relativeEnvFileResolvesAgainstWorkingDirectory() throws Exception {
        write("rel.env", "A=rel\n");
        Environment env = Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", "rel.env"), dir);
        assertEquals(Optional.of("rel"), env.get("A"));
    }

    @Test
    void blankEnvFileVariableFallsBackToDotEnv() throws Exception {
        write(".env", "A=dot\n");
        Environment env = Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", "  "), dir);
        assertEquals(Optional.of("dot"), env.get("A"));
    }

    @Test
    void envFileVariableInsideAFileHasNoEffect() throws Exception {
        Path other = write("other.env", "FROM_OTHER=1\n");
        write(".env", "RUSTY_PINCH_ENV_FILE=" + other + "\nA=dot\n");
        Environment env = Environment.load(Map.of(), dir);
        assertEquals(Optional.of("dot"), env.get("A"));
        assertEquals(Optional.empty(), env.get("FROM_OTHER"));
    }

    @Test
    void missingEnvFileIsFatal() {
        String missing = dir.resolve("missing.env").toString();
        SettingsException error = assertThrows(SettingsException.class,
                () -> Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", missing), dir));
        assertEquals("failed loading RUSTY_PINCH_ENV_FILE from " + missing, error.getMessage());
        assertEquals(missing + ": no such file", error.getCause().getMessage());
    }

    @Test
    void malformedEnvFileIsFatalWithTheLine() throws Exception {
        Path file = write("bad.env", "A=1\nKEY=a b\n");
        SettingsException error = assertThrows(SettingsException.class,
                () -> Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", file.toString()), dir));
        assertEquals("failed loading RUSTY_PINCH_ENV_FILE from " + file, error.getMessage());
        DotEnvException cause = assertInstanceOf(DotEnvException.class, error.getCause());
        assertEquals(2, cause.line());
        assertTrue(cause.getMessage().startsWith("line 2: "), cause.getMessage());
    }

    @Test
    void malformedDotEnvIsFatalNeverSkipped() throws Exception {
        write(".env", "A=1\n\"oops\nB=2\n");
        SettingsException error = assertThrows(SettingsException.class, () -> Environment.load(Map.of(), dir));
        assertEquals("failed loading .env from current directory", error.getMessage());
        assertEquals(2, assertInstanceOf(DotEnvException.class, error.getCause()).line());
    }

    @Test
    void envFileThatIsADirectoryIsFatal() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        SettingsException error = assertThrows(SettingsException.class,
                () -> Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", sub.toString()), dir));
        assertEquals(sub + " is a directory, not a file", error.getCause().getMessage());
    }

    @Test
    void invalidUtf8IsFatal() throws Exception {
        Files.write(dir.resolve(".env"), new byte[] {'A', '=', (byte) 0xC3, (byte) 0x28, '\n'});
        SettingsException error = assertThrows(SettingsException.class, () -> Environment.load(Map.of(), dir));
        assertEquals(dir.resolve(".env") + " is not valid UTF-8", error.getCause().getMessage());
    }

    @Test
    void substitutionDuringLoadSeesTheProcessEnvironment() throws Exception {
        write(".env", "URL=http://${HOST}:8080\n");
        Environment env = Environment.load(Map.of("HOST", "example"), dir);
        assertEquals(Optional.of("http://example:8080"), env.get("URL"));
    }
}
