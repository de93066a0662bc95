package dev.rustypinch.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.PluginApi;
import java.nio.file.Path;

/**
 * One reason a plugin cannot load (SPEC §15.5), with the plain-language hint shown when it is the
 * plugin's first problem. Every text a user can see about a failed plugin is made here.
 *
 * @param text the problem as shown by {@code plugins list} and {@code doctor}
 * @param hint what to do about it
 */
record Problem(String text, String hint) {
    static final String DESCRIPTOR = "META-INF/pinch/plugin.properties";

    private static final String FIX_DESCRIPTOR =
            "fix " + DESCRIPTOR + ": it needs name, version and api.version, each exactly once";
    private static final String BAD_FACTORY =
            "fix or update the plugin: its factories need a public no-argument constructor that does no I/O";

    Problem {
        requireNonNull(text, "text is null");
        requireNonNull(hint, "hint is null");
    }

    static Problem missingDescriptor() {
        return new Problem("missing " + DESCRIPTOR, "add " + DESCRIPTOR + " with name, version and api.version");
    }

    static Problem severalDescriptors(String jarNames) {
        return new Problem(DESCRIPTOR + " found in more than one jar: " + jarNames,
                "keep the descriptor only in the plugin's own jar");
    }

    static Problem noJars() {
        return new Problem("no jar files in the plugin directory",
                "put the plugin's jar and the jars it needs into the directory");
    }

    static Problem unreadable(String what, String reason) {
        return new Problem("cannot read " + what + ": " + reason,
                "replace the damaged or unreadable file with a good copy of the plugin");
    }

    static Problem descriptorSyntax(String text) {
        return new Problem(text + " in " + DESCRIPTOR, FIX_DESCRIPTOR);
    }

    static Problem missingKey(String key) {
        return descriptorSyntax("missing key '" + key + "'");
    }

    static Problem duplicateKey(String key) {
        return descriptorSyntax("duplicate key '" + key + "'");
    }

    static Problem invalidKey(String key, String value, String rule) {
        return new Problem("invalid " + key + " '" + value + "' in " + DESCRIPTOR + ": " + rule, FIX_DESCRIPTOR);
    }

    static Problem unsupportedApi(ApiVersion required) {
        return new Problem("requires plugin API " + required + " but the runtime provides " + PluginApi.VERSION,
                "use a plugin version built against pinch-api " + PluginApi.VERSION
                        + ", or a runtime that provides plugin API " + required);
    }

    static Problem duplicatePluginName(String name, Path firstSource) {
        return new Problem("duplicate plugin name '" + name + "' (already loaded from " + firstSource + ")",
                "remove one of the two copies from the plugins directory");
    }

    static Problem classNotFound(String className) {
        return new Problem("class " + className + " not found",
                "rebuild the plugin: a META-INF/services file names a class that is not in its jars");
    }

    static Problem notAFactory(String className, Class<?> factoryType) {
        return new Problem("class " + className + " does not implement " + factoryType.getName(),
                "rebuild the plugin: a META-INF/services file names a class of the wrong type");
    }

    static Problem noPublicConstructor(String className) {
        return new Problem("class " + className + " has no public no-argument constructor", BAD_FACTORY);
    }

    static Problem failedToCreate(String className, Throwable failure) {
        return new Problem("failed to create " + className + ": " + Failures.describe(failure), hintFor(failure));
    }

    static Problem failedToAsk(String className, String method, Throwable failure) {
        return new Problem("failed to call " + className + "." + method + "(): " + Failures.describe(failure),
                hintFor(failure));
    }

    static Problem nullAnswer(String className, String method) {
        return new Problem(className + "." + method + "() returned null", "fix or update the plugin");
    }

    static Problem invalidName(String kind, String name) {
        return new Problem("invalid " + kind + " name '" + name + "'",
                "rename the " + kind + " to 1-64 characters from a-z, 0-9, _ and -");
    }

    static Problem duplicateContribution(String kind, String name, String owner) {
        return new Problem("duplicate " + kind + " '" + name + "' already provided by plugin '" + owner + "'",
                "remove one of the two plugins, or disable one with RUSTY_PINCH_PLUGINS_DISABLED");
    }

    static Problem noContributions() {
        return new Problem("plugin provides no providers, channels or tools",
                "register its factories in META-INF/services/dev.rustypinch.api.ProviderFactory, "
                        + "dev.rustypinch.api.ChannelFactory, dev.rustypinch.api.ToolFactory or "
                        + "dev.rustypinch.api.ToolSourceFactory");
    }

    static Problem unlistableDirectory(String reason) {
        return new Problem("cannot list the plugins directory: " + reason,
                "check that the plugins directory is readable by this user");
    }

    private static String hintFor(Throwable failure) {
        if (Failures.unwrap(failure) instanceof LinkageError) {
            return "bundle the jar that contains the missing class in the plugin directory";
        }
        return BAD_FACTORY;
    }
}
