package dev.rustypinch.api;

/**
 * Version of this plugin API. A plugin declares the version it was built against in
 * {@code META-INF/pinch/plugin.properties} ({@code api.version}); it loads when its major equals
 * {@link #MAJOR} and its minor is not greater than {@link #MINOR}.
 */
public final class PluginApi {
    /** Major version: incompatible changes. */
    public static final int MAJOR = 1;
    /**
     * Minor version: additions only (new types, {@code default} methods, records keeping their old
     * constructors). 1.1 added tool schemas and JSON arguments, tool calls in chat messages, tools
     * discovered at run time, and the request/response channel needs of the web channel.
     */
    public static final int MINOR = 1;
    /** {@code <major>.<minor>}. */
    public static final String VERSION = MAJOR + "." + MINOR;

    private PluginApi() {
    }
}
