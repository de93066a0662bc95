package dev.rustypinch.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginListingTest {
    private static final Path DIR = Path.of("/opt/rusty-pinch/plugins");

    @TempDir
    Path plugins;

    @Test
    void pluginsListMatchesTheSpecExample() {
        PluginRegistry registry = registry(
                failed("broken-thing", "broken-thing.jar", List.of("missing META-INF/pinch/plugin.properties"), List.of()),
                loaded("pinch-tools-builtin", List.of(), List.of(), List.of("time_now", "model_info", "session_tail")),
                loaded("pinch-channel-whatsapp", List.of(), List.of("whatsapp"), List.of()),
                loaded("pinch-provider-openai", List.of("openrouter", "openai", "groq", "vllm", "compatible"), List.of(),
                        List.of()),
                loaded("pinch-channel-telegram", List.of(), List.of("telegram"), List.of()));

        assertEquals(List.of(
                "pinch-channel-telegram 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-channel-telegram"
                        + " providers=- channels=telegram tools=-",
                "pinch-channel-whatsapp 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-channel-whatsapp"
                        + " providers=- channels=whatsapp tools=-",
                "pinch-provider-openai 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-provider-openai"
                        + " providers=compatible,groq,openai,openrouter,vllm channels=- tools=-",
                "pinch-tools-builtin 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-tools-builtin"
                        + " providers=- channels=- tools=model_info,session_tail,time_now",
                "broken-thing source=/opt/rusty-pinch/plugins/broken-thing.jar FAILED:"
                        + " missing META-INF/pinch/plugin.properties (hint: fix it)"),
                PluginListing.pluginsListLines(registry));
    }

    @Test
    void disabledPluginsSortWithLoadedOnesAndFailedOnesComeLast() {
        PluginRegistry registry = registry(
                failed("aaa", "aaa.jar", List.of("first problem", "second problem"), List.of()),
                disabled("zeta"),
                loaded("alpha", List.of(), List.of(), List.of("x")));

        assertEquals(List.of(
                "alpha 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/alpha providers=- channels=- tools=x",
                "zeta 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/zeta disabled",
                "aaa source=/opt/rusty-pinch/plugins/aaa.jar FAILED: first problem; second problem (hint: fix it)"),
                PluginListing.pluginsListLines(registry));
    }

    @Test
    void notesFollowTheirPlugin() {
        PluginRegistry registry = registry(
                new PluginRecord(PluginState.LOADED, "noisy", "1.0.0", "1.0", DIR.resolve("noisy"), List.of(), List.of(),
                        List.of("t"), List.of(), List.of("ignored bundled jar slf4j-api-2.0.20.jar",
                                "ignored bundled jar log4j-core-2.26.1.jar"), null),
                loaded("quiet", List.of(), List.of(), List.of("q")));

        assertEquals(List.of(
                "noisy 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/noisy providers=- channels=- tools=t",
                "  note: ignored bundled jar slf4j-api-2.0.20.jar",
                "  note: ignored bundled jar log4j-core-2.26.1.jar",
                "quiet 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/quiet providers=- channels=- tools=q"),
                PluginListing.pluginsListLines(registry));
    }

    @Test
    void emptyDirectoryIsReportedAsNoPluginsFound() {
        assertEquals(List.of("no plugins found in /opt/rusty-pinch/plugins"),
                PluginListing.pluginsListLines(registry()));
    }

    @Test
    void doctorLinesMatchTheSpecExample() {
        PluginRegistry registry = registry(
                loaded("pinch-tools-builtin", List.of(), List.of(), List.of("time_now")),
                loaded("pinch-provider-openai", List.of("openai"), List.of(), List.of()),
                loaded("pinch-channel-whatsapp", List.of(), List.of("whatsapp"), List.of()),
                loaded("pinch-channel-telegram", List.of(), List.of("telegram"), List.of()));

        assertEquals(List.of(
                "plugins: loaded=4 failed=0 disabled=0",
                "plugin: pinch-channel-telegram 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-channel-telegram",
                "plugin: pinch-channel-whatsapp 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-channel-whatsapp",
                "plugin: pinch-provider-openai 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-provider-openai",
                "plugin: pinch-tools-builtin 1.0.0 api=1.0 source=/opt/rusty-pinch/plugins/pinch-tools-builtin"),
                PluginListing.doctorLines(registry));
    }

    @Test
    void doctorLinesGroupLoadedDisabledFailedAndNotes() {
        PluginRegistry registry = registry(
                failed("zz-broken", "zz-broken", List.of("class a.B not found", "invalid tool name 'X'"),
                        List.of("ignored bundled jar logback-classic-1.5.0.jar")),
                failed("broken-thing", "broken-thing.jar", List.of("missing META-INF/pinch/plugin.properties"), List.of()),
                disabled("pinch-channel-whatsapp"),
                new PluginRecord(PluginState.LOADED, "echo", "2.0.0", "1.0", DIR.resolve("echo"), List.of(), List.of(),
                        List.of("echo"), List.of(), List.of("ignored bundled jar pinch-api-1.0.0.jar"), null));

        assertEquals(List.of(
                "plugins: loaded=1 failed=2 disabled=1",
                "plugin: echo 2.0.0 api=1.0 source=/opt/rusty-pinch/plugins/echo",
                "plugin_disabled: pinch-channel-whatsapp source=/opt/rusty-pinch/plugins/pinch-channel-whatsapp",
                "plugin_error: broken-thing source=/opt/rusty-pinch/plugins/broken-thing.jar:"
                        + " missing META-INF/pinch/plugin.properties",
                "plugin_error: zz-broken source=/opt/rusty-pinch/plugins/zz-broken:"
                        + " class a.B not found; invalid tool name 'X'",
                "plugin_note: echo: ignored bundled jar pinch-api-1.0.0.jar",
                "plugin_note: zz-broken: ignored bundled jar logback-classic-1.5.0.jar"),
                PluginListing.doctorLines(registry));
    }

    @Test
    void doctorLinesOfAnEmptyDirectoryAreOnlyTheCounts() {
        assertEquals(List.of("plugins: loaded=0 failed=0 disabled=0"), PluginListing.doctorLines(registry()));
    }

    @Test
    void failureWarningsNameEachFailedPluginWithAllItsProblems() {
        PluginRegistry registry = registry(
                failed("zz-broken", "zz-broken", List.of("class a.B not found", "invalid tool name 'X'"), List.of()),
                loaded("fine", List.of(), List.of(), List.of("f")),
                failed("broken-thing", "broken-thing.jar", List.of("missing META-INF/pinch/plugin.properties"), List.of()));

        assertEquals(List.of(
                "Plugin 'broken-thing' failed to load: missing META-INF/pinch/plugin.properties",
                "Plugin 'zz-broken' failed to load: class a.B not found; invalid tool name 'X'"),
                PluginListing.failureWarnings(registry));
    }

    @Test
    void listingOfRealPluginsShowsAbsoluteSourcesNotesAndHints() throws IOException {
        Path multi = TestPlugins.MULTI.installInto(plugins);
        Path logging = TestPlugins.BUNDLES_LOGGING.installInto(plugins);
        Path sleepy = TestPlugins.SLEEPY.installInto(plugins);
        Path orphan = TestPlugins.NO_DESCRIPTOR.installInto(plugins);

        try (PluginRegistry registry = PluginLoader.load(plugins, Set.of("sleepy"))) {
            assertEquals(List.of(
                    "bundles-logging 1.0.0 api=1.0 source=" + logging + " providers=- channels=- tools=bundled_logging",
                    "  note: ignored bundled jar log4j-core-2.26.1.jar",
                    "  note: ignored bundled jar my-backend.jar",
                    "multi 2.1.0 api=1.0 source=" + multi + " providers=alpha,beta channels=loop tools=one,two",
                    "sleepy 1.0.0 api=1.0 source=" + sleepy + " disabled",
                    "no-descriptor source=" + orphan + " FAILED: missing META-INF/pinch/plugin.properties"
                            + " (hint: add META-INF/pinch/plugin.properties with name, version and api.version)"),
                    PluginListing.pluginsListLines(registry));
        }
    }

    private static PluginRegistry registry(PluginRecord... records) {
        return new PluginRegistry(DIR, List.of(records), List.of());
    }

    private static PluginRecord loaded(String name, List<String> providers, List<String> channels, List<String> tools) {
        return new PluginRecord(PluginState.LOADED, name, "1.0.0", "1.0", DIR.resolve(name), providers, channels, tools,
                List.of(), List.of(), null);
    }

    private static PluginRecord disabled(String name) {
        return new PluginRecord(PluginState.DISABLED, name, "1.0.0", "1.0", DIR.resolve(name), List.of(), List.of(),
                List.of(), List.of(), List.of(), null);
    }

    private static PluginRecord failed(String id, String file, List<String> problems, List<String> notes) {
        return new PluginRecord(PluginState.FAILED, id, null, null, DIR.resolve(file), List.of(), List.of(), List.of(),
                problems, notes, "fix it");
    }
}
