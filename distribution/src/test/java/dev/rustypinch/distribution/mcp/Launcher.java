package dev.rustypinch.distribution.mcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/rusty-pinch} of the built distribution as a child process with a clean environment. */
final class Launcher {
    static final Path DIST = Path.of(requireNonNull(System.getProperty("dist.unpacked"), "dist.unpacked is not set"));

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Launcher() {
    }

    /** The command line of the SDK-built test server ({@code TestMcpServer} of pinch-tools-mcp) as a child JVM. */
    static List<String> testServer(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dorg.apache.logging.log4j.level=OFF", "-cp",
                System.getProperty("java.class.path"), "dev.rustypinch.plugin.toolsmcp.TestMcpServer"));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code {"mcpServers": {"<name>": {"command": ..., "args": [...]}}}} for the test server over stdio. */
    static String stdioConfig(String name, String... serverArgs) {
        List<String> command = testServer(serverArgs);
        StringBuilder args = new StringBuilder();
        for (String arg : command.subList(1, command.size())) {
            args.append(args.length() == 0 ? "" : ",").append(quote(arg));
        }
        return "{\"mcpServers\":{" + quote(name) + ":{\"command\":" + quote(command.get(0)) + ",\"args\":[" + args
                + "]}}}";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Starts the launcher in {@code workDir} with {@code dotenv} as its {@code .env} and only a minimal process env. */
    static ProcessBuilder builder(Path workDir, Map<String, String> dotenv, Map<String, String> processEnv,
                                  String... args) throws IOException {
        Path envFile = workDir.resolve("test.env");
        StringBuilder text = new StringBuilder();
        dotenv.forEach((key, value) -> text.append(key).append("='").append(value).append("'\n"));
        Files.writeString(envFile, text, UTF_8);
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/rusty-pinch").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = new TreeMap<>(processEnv);
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("RUSTY_PINCH_ENV_FILE", envFile.toString());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder;
    }

    /** Runs to completion (at most 60 s). */
    static Result run(Path workDir, Map<String, String> dotenv, Map<String, String> processEnv, String... args)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = builder(workDir, dotenv, processEnv, args).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rusty-pinch " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }
}
