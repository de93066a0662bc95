package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one environment overlay every lookup goes through (SPEC §2.1–§2.2): the process environment
 * first (a key set even to {@code ""} wins), then the values of the {@code .env} file. Immutable and
 * thread safe. Nothing in the runtime or its plugins reads {@code System.getenv} directly.
 */
public final class Environment {
    /** Names the file to load instead of {@code ./.env}; read from the process environment only. */
    public static final String ENV_FILE_VARIABLE = "RUSTY_PINCH_ENV_FILE";

    private static final String DEFAULT_FILE_NAME = ".env";

    private final Map<String, String> process;
    private final Map<String, String> file;
    private final Path source;

    private Environment(Map<String, String> process, Map<String, String> file, Path source) {
        this.process = Map.copyOf(requireNonNull(process, "process is null"));
        this.file = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(file, "file is null")));
        this.source = source;
    }

    /**
     * Discovers and loads the {@code .env} file (SPEC §2.1): a non-blank {@code RUSTY_PINCH_ENV_FILE}
     * in the process environment (trimmed; relative paths resolve against the working directory),
     * else {@code <workingDirectory>/.env} if it exists, else no file.
     *
     * @throws SettingsException when the chosen file is missing, unreadable or malformed; the
     *                           cause names the problem (and the line for syntax errors)
     */
    public static Environment load(Map<String, String> processEnv, Path workingDirectory) throws SettingsException {
        requireNonNull(processEnv, "processEnv is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        String named = processEnv.get(ENV_FILE_VARIABLE);
        if (named != null && !UnicodeWhitespace.isBlank(named)) {
            String trimmed = UnicodeWhitespace.trim(named);
            String message = "failed loading " + ENV_FILE_VARIABLE + " from " + trimmed;
            Path file;
            try {
                file = workingDirectory.resolve(trimmed);
            } catch (InvalidPathException e) {
                throw new SettingsException(message, new IOException("not a valid path: " + e.getReason()));
            }
            return loadFile(processEnv, file, message);
        }
        Path file = workingDirectory.resolve(DEFAULT_FILE_NAME);
        if (Files.exists(file)) {
            return loadFile(processEnv, file, "failed loading .env from current directory");
        }
        return new Environment(processEnv, Map.of(), null);
    }

    /** An overlay of the given maps, for tests and tools; no file is read. */
    public static Environment of(Map<String, String> processEnv, Map<String, String> fileValues) {
        return new Environment(processEnv, fileValues, null);
    }

    private static Environment loadFile(Map<String, String> processEnv, Path file, String message)
            throws SettingsException {
        String content;
        try {
            content = read(file);
        } catch (IOException e) {
            throw new SettingsException(message, e);
        }
        try {
            return new Environment(processEnv, DotEnvParser.parse(content, processEnv::get), file);
        } catch (DotEnvException e) {
            throw new SettingsException(message, e);
        }
    }

    /** Reads the file as strict UTF-8; the exception's message says plainly what is wrong. */
    private static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied");
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not valid UTF-8");
        }
    }

    /** The raw value: the process environment if the key is set there (even to {@code ""}), else the file. */
    public Optional<String> get(String key) {
        requireNonNull(key, "key is null");
        String value = process.get(key);
        if (value == null) {
            value = file.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** The raw value or {@code null} when unset, for the value rules. */
    String rawOrNull(String key) {
        return get(key).orElse(null);
    }

    /**
     * The keys the {@code .env} file gives a non-blank value, whether or not the process environment
     * overrides them: what the file itself holds.
     */
    public Set<String> keysSetByFile() {
        Set<String> keys = new TreeSet<>();
        file.forEach((key, value) -> {
            if (!UnicodeWhitespace.isBlank(value)) {
                keys.add(key);
            }
        });
        return Collections.unmodifiableSet(keys);
    }

    /** The {@code .env} file that was loaded, if any. */
    public Optional<Path> sourceFile() {
        return Optional.ofNullable(source);
    }

    @Override
    public String toString() {
        return "Environment[processKeys=" + process.size() + ", fileKeys=" + file.size() + ", source="
                + (source == null ? "<none>" : source.toString()) + "]";
    }
}
