package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A stdio server's process, started by us rather than the SDK (SPEC §19.3): its environment holds only the few
 * inherited variables below plus the configured ones, its stderr becomes {@code WARN mcp <server>: <line>} lines,
 * and {@link #stop()} ends its whole process tree.
 */
final class ChildProcess {
    /** The only variables a child inherits from this process. */
    static final List<String> INHERITED = List.of("HOME", "LANG", "LC_ALL", "LOGNAME", "PATH", "SHELL", "TERM",
            "TMPDIR", "TZ", "USER");
    static final int MAX_STDERR_LINE = 200;

    private final Process process;

    private ChildProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the server's command.
     *
     * @param processEnv this process's environment (only {@link #INHERITED} is taken from it)
     * @param warn       receives each stderr line as {@code mcp <server>: <line>}
     * @throws IOException the command cannot be started (its message names the command, never the environment)
     */
    static ChildProcess start(ServerSpec spec, Map<String, String> processEnv, Consumer<String> warn) throws IOException {
        requireNonNull(spec, "spec is null");
        List<String> command = new ArrayList<>();
        command.add(spec.command().orElseThrow());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment(spec, processEnv));
        spec.cwd().ifPresent(cwd -> builder.directory(Path.of(cwd).toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + spec.command().orElseThrow() + "': " + reason(e), e);
        }
        Thread pump = new Thread(() -> pumpStderr(process, spec.name(), warn), "mcp-" + spec.name() + "-stderr");
        pump.setDaemon(true);
        pump.start();
        return new ChildProcess(process);
    }

    /** The child's whole environment: the inherited variables that are set, then the configured {@code env}. */
    static Map<String, String> environment(ServerSpec spec, Map<String, String> processEnv) {
        Map<String, String> env = new TreeMap<>();
        for (String name : INHERITED) {
            String value = processEnv.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(spec.env());
        return env;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process tree; bounded (about 2 s). */
    void stop() {
        ProcessTree.stop(process);
    }

    private static void pumpStderr(Process process, String server, Consumer<String> warn) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String cut = line.length() > MAX_STDERR_LINE ? line.substring(0, MAX_STDERR_LINE) : line;
                warn.accept("mcp " + server + ": " + cut);
            }
        } catch (IOException ignored) {
            // The child is gone; nothing more to read.
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int error = message.indexOf("error=");
        return error >= 0 ? message.substring(error) : message;
    }
}
