package dev.rustypinch.runtime.cli;

import dev.rustypinch.runtime.RuntimeVersion;

/**
 * {@code --version}/{@code -V} (SPEC §3). Kept apart from {@link CommandLine} so that {@code Main} can answer it
 * before anything else is loaded: no settings, no plugins, no logging, no lambdas or string-concatenation call
 * sites (each costs milliseconds on a cold JVM).
 */
public final class VersionOption {
    private VersionOption() {
    }

    /** Whether {@code arg} asks for the version. */
    public static boolean matches(String arg) {
        return "--version".equals(arg) || "-V".equals(arg);
    }

    /** {@code rusty-pinch <version>} followed by a newline. */
    public static String line() {
        return "rusty-pinch ".concat(RuntimeVersion.get()).concat("\n");
    }
}
