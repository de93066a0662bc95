package dev.rustypinch.plugin.channelwhatsapp;

import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.PluginConfig;
import dev.rustypinch.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A {@link PluginContext} over a plain map of settings. */
record TestContext(PluginConfig config, EventSink events, Path dataDirectory) implements PluginContext {
    static TestContext of(Map<String, String> settings, EventSink events) {
        return new TestContext(new MapPluginConfig(settings), events, Path.of("unused-data-dir"));
    }

    @Override
    public String pluginName() {
        return "pinch-channel-whatsapp";
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "1.0.0";
    }
}
