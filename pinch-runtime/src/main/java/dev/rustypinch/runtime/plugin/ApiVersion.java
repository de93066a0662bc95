package dev.rustypinch.runtime.plugin;

import dev.rustypinch.api.PluginApi;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin API version {@code <major>.<minor>} (SPEC §15.3).
 *
 * @param major incompatible changes
 * @param minor compatible additions
 */
record ApiVersion(int major, int minor) {
    private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    /** The version this runtime provides. */
    static final ApiVersion RUNTIME = new ApiVersion(PluginApi.MAJOR, PluginApi.MINOR);

    ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative API version " + major + "." + minor);
        }
    }

    /** Reads {@code <major>.<minor>} (no sign, no leading zeros); empty when the text is not one. */
    static Optional<ApiVersion> parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }

    /** Whether a runtime providing {@code provided} can load a plugin that requires this version. */
    boolean isSatisfiedBy(ApiVersion provided) {
        return major == provided.major && minor <= provided.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
