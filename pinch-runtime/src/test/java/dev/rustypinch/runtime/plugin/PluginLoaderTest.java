package dev.rustypinch.runtime.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path plugins;

    private PluginRegistry registry;

    @AfterEach
    void closeRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void missingPluginsDirectoryMeansNoPlugins() {
        registry = load(plugins.resolve("absent"));

        assertEquals(List.of(), registry.records());
        assertEquals(List.of(), registry.loaded());
        assertFalse(registry.anyFailedOrDisabled());
    }

    @Test
    void goodToolPluginLoads() {
        Path source = TestPlugins.ECHO.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(new PluginRecord(PluginState.LOADED, "echo", "1.0.0", "1.0", source, List.of(), List.of(),
                List.of("echo"), List.of(), List.of(), null), record);
        assertEquals(List.of("echo"), registry.loaded().stream().map(LoadedPlugin::name).toList());
        assertEquals(Set.of("echo"), registry.toolNames());
        assertEquals("echo", registry.toolPlugin("echo").orElseThrow().name());
    }

    @Test
    void theDescriptorsJarComesFirstOnTheClassPathAndLibraryJarsStillDeclareServices() {
        TestPlugins.DESCRIPTOR_JAR_FIRST.installInto(plugins);

        registry = load(plugins);

        assertEquals(List.of("descriptor-first"), registry.loaded().stream().map(LoadedPlugin::name).toList());
        assertEquals(Set.of("own_name", "one"), registry.toolNames());
    }

    @Test
    void onePluginMayHoldSeveralFactoriesOfEveryKind() {
        TestPlugins.MULTI.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(PluginState.LOADED, record.state());
        assertEquals(List.of("alpha", "beta"), record.providers());
        assertEquals(List.of("loop"), record.channels());
        assertEquals(List.of("one", "two"), record.tools());
        assertEquals("multi", registry.providerPlugin("alpha").orElseThrow().name());
        assertEquals("multi", registry.providerPlugin("beta").orElseThrow().name());
        assertEquals("multi", registry.channelPlugin("loop").orElseThrow().name());
    }

    @Test
    void configKeysAreTheUnionOfTheFactoriesKeysByName() {
        TestPlugins.MULTI.installInto(plugins);

        registry = load(plugins);

        List<ConfigKey> keys = registry.loaded().get(0).configKeys();
        assertEquals(List.of("MULTI_ONE_LIMIT", "MULTI_SHARED"), keys.stream().map(ConfigKey::name).toList());
        assertEquals("from-provider", keys.get(1).defaultValue());
    }

    @Test
    void throwingConstructorIsReportedWithItsExceptionAndSkipped() {
        TestPlugins.CONSTRUCTOR_THROWS.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "ctor-throws",
                "failed to create fixture.broken.ConstructorThrowsToolFactory: IllegalStateException: constructor exploded");
        assertEquals(List.of(), registry.loaded());
    }

    @Test
    void throwingStaticInitialiserIsReportedWithTheRootCause() {
        TestPlugins.STATIC_INIT_THROWS.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "static-init-throws",
                "failed to create fixture.broken.StaticInitThrowsToolFactory: IllegalArgumentException: static init exploded");
    }

    @Test
    void missingDependencyClassIsReportedWithABundlingHint() {
        TestPlugins.MISSING_DEPENDENCY.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertFailed(record, "missing-dependency",
                "failed to create fixture.broken.MissingDependencyToolFactory: NoClassDefFoundError: fixture/missinglib/Helper");
        assertEquals("bundle the jar that contains the missing class in the plugin directory", record.hint());
    }

    @Test
    void pluginWithoutServicesProvidesNothing() {
        TestPlugins.NO_SERVICES.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "no-services", "plugin provides no providers, channels or tools");
    }

    @Test
    void servicesFileNamingAMissingClassFailsTheWholePlugin() {
        TestPlugins.MISSING_CLASS.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "missing-class", "class fixture.ghost.GhostToolFactory not found");
        assertEquals(Set.of(), registry.toolNames());
    }

    @Test
    void servicesFileNamingAClassOfTheWrongTypeIsAProblem() {
        TestPlugins.NOT_A_FACTORY.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "not-a-factory",
                "class fixture.probe.ProbeProviderFactory does not implement dev.rustypinch.api.ToolFactory");
    }

    @Test
    void missingDescriptorIsReportedUnderTheFileName() {
        Path source = TestPlugins.NO_DESCRIPTOR.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertFailed(record, "no-descriptor", "missing META-INF/pinch/plugin.properties");
        assertEquals(source, record.source());
        assertEquals("add META-INF/pinch/plugin.properties with name, version and api.version", record.hint());
        assertNull(record.version());
        assertNull(record.apiVersion());
    }

    @Test
    void missingDescriptorKeyIsNamed() {
        TestPlugins.MISSING_KEY.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "missing-key", "missing key 'version' in META-INF/pinch/plugin.properties");
    }

    @Test
    void repeatedDescriptorKeyIsAProblemAndTheFileNameIdentifiesThePlugin() {
        TestPlugins.DUPLICATE_KEY.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "dup-key", "duplicate key 'name' in META-INF/pinch/plugin.properties");
    }

    @Test
    void unknownDescriptorKeysAndCommentsAreIgnored() {
        TestPlugins.UNKNOWN_KEY.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(PluginState.LOADED, record.state());
        assertEquals("unknown-key", record.id());
        assertEquals("0.9.1", record.version());
    }

    @Test
    void newerMajorApiVersionIsRefused() {
        TestPlugins.API_2_0.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertFailed(record, "api-two", "requires plugin API 2.0 but the runtime provides 1.1");
        assertEquals("2.0", record.apiVersion());
    }

    @Test
    void newerMinorApiVersionIsRefused() {
        TestPlugins.API_1_2.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "api-one-two", "requires plugin API 1.2 but the runtime provides 1.1");
    }

    @Test
    void bundledPinchApiJarIsIgnoredWithANote() {
        TestPlugins.BUNDLES_API.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(PluginState.LOADED, record.state());
        assertEquals(List.of("ignored bundled jar pinch-api-1.0.0.jar"), record.notes());
        assertEquals(List.of("bundled_api"), record.tools());
    }

    @Test
    void bundledLoggingJarsAreIgnoredWithANoteEach() {
        TestPlugins.BUNDLES_LOGGING.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(PluginState.LOADED, record.state());
        assertEquals(List.of("ignored bundled jar log4j-core-2.26.1.jar", "ignored bundled jar my-backend.jar"),
                record.notes());
        assertFalse(registry.anyFailedOrDisabled());
    }

    @Test
    void laterPluginWithAToolNameAlreadyTakenFailsWhole() {
        TestPlugins.installAll(plugins, TestPlugins.SHARED_TOOL_FIRST, TestPlugins.SHARED_TOOL_SECOND);

        registry = load(plugins);

        assertEquals(PluginState.LOADED, record("dup-tool-a").state());
        assertFailed(record("dup-tool-b"), "dup-tool-b", "duplicate tool 'shared' already provided by plugin 'dup-tool-a'");
        assertEquals("dup-tool-a", registry.toolPlugin("shared").orElseThrow().name());
    }

    @Test
    void laterPluginWithATakenPluginNameFails() {
        Path first = TestPlugins.TWIN_FIRST.installInto(plugins);
        Path second = TestPlugins.TWIN_SECOND.installInto(plugins);

        registry = load(plugins);

        assertEquals(2, registry.records().size());
        PluginRecord loaded = registry.records().get(0);
        PluginRecord failed = registry.records().get(1);
        assertEquals(first, loaded.source());
        assertEquals(PluginState.LOADED, loaded.state());
        assertEquals(second, failed.source());
        assertFailed(failed, "twin", "duplicate plugin name 'twin' (already loaded from " + first + ")");
    }

    @Test
    void providingTheBuiltInLocalProviderIsADuplicateOfTheRuntime() {
        TestPlugins.LOCAL_PROVIDER.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "local-provider", "duplicate provider 'local' already provided by plugin 'runtime'");
        assertTrue(registry.providerPlugin("local").isEmpty());
    }

    @Test
    void toolNameWithInvalidCharactersIsAProblem() {
        TestPlugins.INVALID_TOOL_NAME.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "invalid-tool", "invalid tool name 'Bad Name!'");
    }

    @Test
    void toolNameOver64CharactersIsAProblem() {
        TestPlugins.LONG_TOOL_NAME.installInto(plugins);

        registry = load(plugins);

        assertFailed(only(registry), "long-tool", "invalid tool name '" + "a".repeat(65) + "'");
    }

    @Test
    void disabledPluginHasOnlyItsDescriptorRead() {
        Path source = TestPlugins.SLEEPY.installInto(plugins);

        registry = PluginLoader.load(plugins, Set.of("sleepy"));

        assertEquals(new PluginRecord(PluginState.DISABLED, "sleepy", "1.0.0", "1.0", source, List.of(), List.of(),
                List.of(), List.of(), List.of(), null), only(registry));
        assertEquals(List.of(), registry.loaded());
        assertTrue(registry.anyFailedOrDisabled());
    }

    @Test
    void directoryPluginUsesAllItsJars() {
        Path source = TestPlugins.GREETER_V1.installInto(plugins);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals(PluginState.LOADED, record.state());
        assertEquals("greeter-v1", record.id());
        assertEquals(source, record.source());
        assertEquals(List.of("greet_v1"), record.tools());
    }

    @Test
    void directoryWithoutJarsIsAProblem() throws IOException {
        Files.createDirectories(plugins.resolve("hollow"));
        Files.writeString(plugins.resolve("hollow").resolve("README.txt"), "nothing here", UTF_8);

        registry = load(plugins);

        assertFailed(only(registry), "hollow", "no jar files in the plugin directory");
    }

    @Test
    void unreadableJarIsAProblem() throws IOException {
        Files.writeString(plugins.resolve("garbled.jar"), "not a zip file", UTF_8);

        registry = load(plugins);

        PluginRecord record = only(registry);
        assertEquals("garbled", record.id());
        assertTrue(record.problems().get(0).startsWith("cannot read garbled.jar: ZipException: "), record.problems().get(0));
    }

    @Test
    void filesThatAreNotJarsAreIgnored() throws IOException {
        Files.writeString(plugins.resolve("README.md"), "plugins go here", UTF_8);
        Files.writeString(plugins.resolve("echo.jar.bak"), "old", UTF_8);

        registry = load(plugins);

        assertEquals(List.of(), registry.records());
    }

    @Test
    void brokenPluginsNeverStopTheOthers() {
        TestPlugins.installAll(plugins, TestPlugins.CONSTRUCTOR_THROWS, TestPlugins.ECHO, TestPlugins.NO_DESCRIPTOR,
                TestPlugins.MISSING_DEPENDENCY, TestPlugins.MULTI, TestPlugins.API_2_0, TestPlugins.PROBE);

        registry = load(plugins);

        assertEquals(List.of("echo", "multi", "probe"), registry.loaded().stream().map(LoadedPlugin::name).toList());
        assertEquals(List.of("echo", "multi", "probe", "api-two", "ctor-throws", "missing-dependency", "no-descriptor"),
                registry.records().stream().map(PluginRecord::id).toList());
        assertTrue(registry.anyFailedOrDisabled());
    }

    @Test
    void failedPluginCollectsEveryProblemOfItsClasses() {
        TestPlugins.MISSING_CLASS.installInto(plugins);
        TestPlugins.ECHO.installInto(plugins);

        registry = load(plugins);

        assertEquals(List.of("class fixture.ghost.GhostToolFactory not found"), record("missing-class").problems());
        assertEquals(PluginState.LOADED, record("echo").state());
    }

    private PluginRegistry load(Path directory) {
        return PluginLoader.load(directory, Set.of());
    }

    private PluginRecord record(String id) {
        return registry.records().stream().filter(record -> record.id().equals(id)).findFirst().orElseThrow();
    }

    private static PluginRecord only(PluginRegistry registry) {
        assertEquals(1, registry.records().size(), registry.records().toString());
        return registry.records().get(0);
    }

    private static void assertFailed(PluginRecord record, String id, String... problems) {
        assertEquals(PluginState.FAILED, record.state(), record.toString());
        assertEquals(id, record.id());
        assertEquals(List.of(problems), record.problems());
        assertFalse(record.hint().isBlank());
    }
}
