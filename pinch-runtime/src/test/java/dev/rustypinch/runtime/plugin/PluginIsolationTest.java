package dev.rustypinch.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rustypinch.api.Channel;
import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.api.OutboundMessage;
import dev.rustypinch.api.ProviderException;
import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginIsolationTest {
    private static final ClassLoader TEST_CONTEXT_LOADER = new ClassLoader("test-context", null) {
    };

    @TempDir
    Path plugins;

    private PluginRegistry registry;
    private ClassLoader savedContextLoader;

    @BeforeEach
    void useKnownContextLoader() {
        savedContextLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(TEST_CONTEXT_LOADER);
    }

    @AfterEach
    void restore() throws IOException {
        Thread.currentThread().setContextClassLoader(savedContextLoader);
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pluginsBundlingDifferentVersionsOfOneLibraryClassBothWork() throws ToolException {
        TestPlugins.installAll(plugins, TestPlugins.GREETER_V1, TestPlugins.GREETER_V2);
        registry = PluginLoader.load(plugins, Set.of());

        assertEquals(Set.of("greet_v1", "greet_v2"), registry.toolNames());
        assertEquals("v1", run(registry.toolPlugin("greet_v1").orElseThrow(), "greet_v1", ""));
        assertEquals("v2", run(registry.toolPlugin("greet_v2").orElseThrow(), "greet_v2", ""));
    }

    @Test
    void eachPluginHasANamedLoaderWhoseParentIsThePlatformLoader() {
        TestPlugins.installAll(plugins, TestPlugins.ECHO, TestPlugins.PROBE);
        registry = PluginLoader.load(plugins, Set.of());

        for (LoadedPlugin plugin : registry.loaded()) {
            assertEquals("plugin:" + plugin.name(), plugin.classLoader().getName());
            assertSame(ClassLoader.getPlatformClassLoader(), plugin.classLoader().getParent());
        }
    }

    @Test
    void pluginSeesTheApiAndSlf4jOfTheRuntime() throws ToolException {
        LoadedPlugin probe = loadProbe();
        String runtimeLoader = String.valueOf(ChatProvider.class.getClassLoader().getName());

        assertEquals(runtimeLoader, run(probe, "probe", "load dev.rustypinch.api.ChatProvider"));
        assertEquals(runtimeLoader, run(probe, "probe", "load org.slf4j.Logger"));
    }

    @Test
    void pluginDoesNotSeeTheRuntimeOrItsLibraries() throws ToolException {
        LoadedPlugin probe = loadProbe();

        assertEquals("not found", run(probe, "probe", "load dev.rustypinch.runtime.plugin.PluginLoader"));
        assertEquals("not found", run(probe, "probe", "load com.fasterxml.jackson.databind.ObjectMapper"));
        assertEquals("not found", run(probe, "probe", "load org.junit.jupiter.api.Test"));
    }

    @Test
    void pluginSeesThePlatformClasses() throws ToolException {
        LoadedPlugin probe = loadProbe();

        assertEquals("platform", run(probe, "probe", "load java.sql.Driver"));
        assertEquals("bootstrap", run(probe, "probe", "load java.lang.String"));
    }

    @Test
    void contextLoaderIsThePluginsDuringToolCreateAndRunAndRestoredAfter() throws ToolException {
        LoadedPlugin probe = loadProbe();

        Tool tool = probe.createTools(context(probe)).get(0);
        String output = tool.run(new ToolInvocation("probe", "", "rp-1-1"), new EmptyToolContext());

        assertEquals("create=plugin:probe run=plugin:probe", output);
        assertSame(TEST_CONTEXT_LOADER, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void contextLoaderIsThePluginsDuringToolDescriptionAndUsage() {
        LoadedPlugin probe = loadProbe();
        Tool tool = probe.createTools(context(probe)).get(0);

        assertEquals("description=plugin:probe", tool.description());
        assertEquals("usage=plugin:probe", tool.usage());
        assertSame(TEST_CONTEXT_LOADER, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void contextLoaderIsThePluginsDuringProviderCreateAndComplete() throws ProviderException {
        LoadedPlugin probe = loadProbe();

        try (ChatProvider provider = probe.createProvider("probe", settings("probe"), context(probe))) {
            String reply = provider.complete(new ChatRequest("m", List.of(new ChatMessage("user", "hi")), 0.2))
                    .content();

            assertEquals("create=plugin:probe complete=plugin:probe", reply);
        }
        assertSame(TEST_CONTEXT_LOADER, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void contextLoaderIsThePluginsDuringEveryChannelCall() {
        LoadedPlugin probe = loadProbe();
        List<String> reports = new ArrayList<>();

        Channel channel = probe.createChannel("probe", context(probe), 0);
        Map<String, Object> fields = channel.startEventFields();
        channel.start((message, listener) -> reports.add(message.text()));
        InboundMessage inbound = new InboundMessage("probe", "u", "c", "hello", Optional.empty());
        channel.send(new OutboundMessage("c", "reply", inbound));
        channel.stopReceiving();
        channel.close();
        channel.close();

        assertEquals(Map.of("probe_loader", "plugin:probe"), fields);
        assertEquals(List.of("create=plugin:probe start=plugin:probe", "send=plugin:probe",
                "stopReceiving=plugin:probe", "close=plugin:probe"), reports);
        assertSame(TEST_CONTEXT_LOADER, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void providerOfAnotherPluginIsRefusedWithTheNamesOnOffer() {
        LoadedPlugin probe = loadProbe();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> probe.createProvider("openai", settings("openai"), context(probe)));
        assertEquals("plugin 'probe' does not provide provider 'openai' (it provides: probe)", error.getMessage());
    }

    @Test
    void channelFactoryRejectionReachesTheCaller() {
        TestPlugins.MULTI.installInto(plugins);
        registry = PluginLoader.load(plugins, Set.of());
        LoadedPlugin multi = registry.loaded().get(0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> multi.createChannel("loop", context(multi), -1));
        assertEquals("max messages must not be negative", error.getMessage());
        assertSame(TEST_CONTEXT_LOADER, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void toolsAreCreatedInNameOrder() {
        TestPlugins.MULTI.installInto(plugins);
        registry = PluginLoader.load(plugins, Set.of());
        LoadedPlugin multi = registry.loaded().get(0);

        assertEquals(List.of("one", "two"), multi.createTools(context(multi)).stream().map(Tool::name).toList());
    }

    @Test
    void toolNamedDifferentlyFromItsFactoryIsRefused() {
        TestPlugins.MISMATCHED_TOOL.installInto(plugins);
        registry = PluginLoader.load(plugins, Set.of());
        LoadedPlugin mismatched = registry.loaded().get(0);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> mismatched.createTools(context(mismatched)));
        assertEquals("plugin 'mismatched': factory fixture.broken.MismatchedToolFactory declared tool 'declared'"
                + " but created a tool named 'created'", error.getMessage());
    }

    private LoadedPlugin loadProbe() {
        TestPlugins.PROBE.installInto(plugins);
        registry = PluginLoader.load(plugins, Set.of());
        return registry.loaded().get(0);
    }

    private String run(LoadedPlugin plugin, String toolName, String args) throws ToolException {
        return run(plugin, toolName, args, plugins.resolve("data"));
    }

    /** Runs one tool of a loaded plugin, with {@code dataDir} as the plugin's data directory. */
    static String run(LoadedPlugin plugin, String toolName, String args, Path dataDir) throws ToolException {
        for (Tool tool : plugin.createTools(new FixedPluginContext(plugin.name(), dataDir))) {
            if (tool.name().equals(toolName)) {
                return tool.run(new ToolInvocation(toolName, args, "rp-1-1"), new EmptyToolContext());
            }
        }
        throw new AssertionError("no tool " + toolName);
    }

    private FixedPluginContext context(LoadedPlugin plugin) {
        return new FixedPluginContext(plugin.name(), plugins.resolve("data"));
    }

    private static ProviderSettings settings(String provider) {
        return new ProviderSettings(provider, "m", Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                "rusty-pinch/1.0.0");
    }

    private static final class EmptyToolContext implements ToolContext {
        @Override
        public String sessionId() {
            return "s";
        }

        @Override
        public String provider() {
            return "local";
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public List<SessionEntry> history() {
            return List.of();
        }
    }
}
