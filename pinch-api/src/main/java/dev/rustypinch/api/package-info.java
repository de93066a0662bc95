/**
 * The Rusty Pinch plugin API: providers ({@link dev.rustypinch.api.ProviderFactory}), channels
 * ({@link dev.rustypinch.api.ChannelFactory}), tools ({@link dev.rustypinch.api.ToolFactory}) and, from
 * API 1.1, sources of tools discovered at run time ({@link dev.rustypinch.api.ToolSourceFactory}),
 * found with {@link java.util.ServiceLoader} in jars under {@code plugins/}. Each plugin has its own
 * class loader; only this package and {@code org.slf4j} are shared with the runtime. A plugin
 * describes itself in {@code META-INF/pinch/plugin.properties} with {@code name}, {@code version}
 * and {@code api.version} (see {@link dev.rustypinch.api.PluginApi}).
 */
package dev.rustypinch.api;
