package dev.rustypinch.api;

/**
 * Version of this plugin API. A plugin declares the version it was built against in
 * {@code META-INF/pinch/plugin.properties} ({@code api.version}); it loads when its major equals
 * {@link #MAJOR} and its minor is not greater than {@link #MINOR}.
 */
public final class PluginApi {
    /** Major version: incompatible changes. */
    public static final int MAJOR = 1;
    /** Minor version: additions through {@code default} methods only. */
    public static final int MINOR = 0;
    /** {@code <major>.<minor>}. */
    public static final String VERSION = MAJOR + "." + MINOR;

    private PluginApi() {
    }
}
