package dev.rustypinch.plugin.toolsmcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds MCP config files that run {@link TestMcpServer} as a separate JVM, and runs its HTTP modes. */
final class McpServers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpServers() {
    }

    /** The command line that starts {@link TestMcpServer} with {@code args}. */
    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.apache.logging.log4j.level=OFF");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TestMcpServer.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** A stdio server entry running {@link TestMcpServer} with {@code args}, plus extra keys. */
    static ObjectNode stdio(Map<String, Object> extra, String... args) {
        List<String> command = javaCommand(args);
        ObjectNode server = JSON.createObjectNode();
        server.put("command", command.get(0));
        ArrayNode list = server.putArray("args");
        command.subList(1, command.size()).forEach(list::add);
        extra.forEach((key, value) -> server.set(key, JSON.valueToTree(value)));
        return server;
    }

    /** Writes {@code {"mcpServers": servers}} to {@code dir/mcp.json}. */
    static Path write(Path dir, Map<String, ObjectNode> servers) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode all = root.putObject("mcpServers");
        servers.forEach(all::set);
        Path file = dir.resolve("mcp.json");
        Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        return file;
    }

    /** A running {@link TestMcpServer} in an HTTP mode on 127.0.0.1. */
    static final class HttpServer implements AutoCloseable {
        final Process process;
        final int port;

        HttpServer(String mode) throws IOException {
            process = new ProcessBuilder(javaCommand(mode)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new IOException("test server did not start: " + line);
            }
            port = Integer.parseInt(line.substring(5).trim());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
