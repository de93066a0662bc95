package dev.rustypinch.plugin.toolsmcp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One valid, enabled server of the configuration (SPEC §19.1), with every {@code ${VAR}} already expanded.
 *
 * @param name      the server name, {@code [a-z0-9][a-z0-9_-]{0,31}}
 * @param command   for stdio: the command; empty for HTTP
 * @param args      for stdio: its arguments
 * @param env       for stdio: the configured environment (added to the inherited minimal one)
 * @param cwd       for stdio: the working directory, empty = the process's own
 * @param url       for HTTP: the Streamable HTTP endpoint; empty for stdio
 * @param headers   for HTTP: extra request headers
 * @param timeout   connect and call timeout
 * @param allowlist the server tool names to offer; empty = all of them
 */
record ServerSpec(String name, Optional<String> command, List<String> args, Map<String, String> env,
                  Optional<String> cwd, Optional<String> url, Map<String, String> headers, Duration timeout,
                  Optional<Set<String>> allowlist) {
    ServerSpec {
        requireNonNull(name, "name is null");
        requireNonNull(command, "command is null");
        args = List.copyOf(requireNonNull(args, "args is null"));
        env = Map.copyOf(requireNonNull(env, "env is null"));
        requireNonNull(cwd, "cwd is null");
        requireNonNull(url, "url is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(timeout, "timeout is null");
        allowlist = requireNonNull(allowlist, "allowlist is null").map(Set::copyOf);
        if (command.isPresent() == url.isPresent()) {
            throw new IllegalArgumentException("server '" + name + "' needs exactly one of command and url");
        }
    }

    boolean isStdio() {
        return command.isPresent();
    }

    /** Whole seconds of the timeout, as shown in {@code timed out after <s> s}. */
    long timeoutSeconds() {
        return timeout.toSeconds();
    }

    @Override
    public String toString() {
        // Never the env or headers: they may hold tokens.
        return "ServerSpec[" + name + ", " + (isStdio() ? "stdio " + command.orElseThrow() : "http") + "]";
    }
}
