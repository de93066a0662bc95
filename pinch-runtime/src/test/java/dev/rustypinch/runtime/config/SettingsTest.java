package dev.rustypinch.runtime.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import dev.rustypinch.runtime.bus.OverflowPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
    private static Settings settings(Map<String, String> process) {
        return Settings.from(Environment.of(process, Map.of()), null);
    }

    private static Settings settings(String key, String value) {
        return settings(Map.of(key, value));
    }

    @Test
    void cleanEnvironmentGivesTheDefaults() {
        Settings s = settings(Map.of());
        assertEquals("openrouter", s.provider());
        assertEquals("openrouter/qwen/qwen3-coder", s.model());
        assertEquals(Optional.empty(), s.apiKey());
        assertEquals(Optional.of("https://openrouter.ai/api/v1"), s.apiBase());
        assertEquals(60, s.requestTimeoutSecs());
        assertEquals(2, s.requestRetries());
        assertEquals(600, s.retryBackoffMs());
        assertEquals(4000, s.retryMaxBackoffMs());
        assertEquals("./data", s.dataDir());
        assertEquals("./workspace", s.workspace());
        assertEquals("./data/telemetry/latest.json", s.telemetryFile());
        assertEquals(100, s.busCapacity());
        assertEquals(OverflowPolicy.DROP_OLDEST, s.busOverflow());
        assertFalse(s.telegramEnabled());
        assertEquals(Optional.empty(), s.telegramToken());
        assertEquals(List.of(), s.telegramAllowFrom());
        assertEquals(30, s.telegramPollTimeoutSecs());
        assertEquals(350, s.telegramPollIntervalMs());
        assertEquals(60, s.telegramRequestTimeoutSecs());
        assertEquals("https://api.telegram.org", s.telegramApiBase());
        assertFalse(s.whatsappEnabled());
        assertEquals(Optional.empty(), s.whatsappBridgeUrl());
        assertEquals(List.of(), s.whatsappAllowFrom());
        assertEquals(2000, s.whatsappReconnectMs());
        assertEquals("picoclaw", s.whatsappDialect());
        assertEquals(Optional.empty(), s.whatsappBridgeToken());
        assertEquals("./plugins", s.pluginsDir());
        assertEquals(List.of(), s.pluginsDisabled());
    }

    @Test
    void valuesComeFromTheEnvFileToo() {
        Settings s = Settings.from(Environment.of(Map.of(), Map.of("RUSTY_PINCH_PROVIDER", "openai")), null);
        assertEquals("openai", s.provider());
    }

    @Test
    void providerIsTrimmedAndLowercased() {
        assertEquals("openai", settings("RUSTY_PINCH_PROVIDER", "  OpenAI \t").provider());
    }

    @Test
    void providerSetButBlankIsEmpty() {
        Settings s = settings("RUSTY_PINCH_PROVIDER", "   ");
        assertEquals("", s.provider());
        assertEquals("openrouter/qwen/qwen3-coder", s.model());
    }

    @ParameterizedTest
    @CsvSource({
        "openai, gpt-4o-mini",
        "anthropic, claude-3-5-sonnet-latest",
        "openrouter, openrouter/qwen/qwen3-coder",
        "groq, openrouter/qwen/qwen3-coder",
        "vllm, openrouter/qwen/qwen3-coder",
        "local, openrouter/qwen/qwen3-coder",
    })
    void defaultModelDependsOnProvider(String provider, String model) {
        assertEquals(model, settings("RUSTY_PINCH_PROVIDER", provider).model());
    }

    @Test
    void defaultModelFollowsTheNormalisedProvider() {
        assertEquals("gpt-4o-mini", settings("RUSTY_PINCH_PROVIDER", " OPENAI ").model());
    }

    @Test
    void modelIsTrimmed() {
        assertEquals("test-model", settings("RUSTY_PINCH_MODEL", "  test-model\t").model());
    }

    @Test
    void modelSetButBlankIsEmpty() {
        assertEquals("", settings("RUSTY_PINCH_MODEL", " ").model());
    }

    static Stream<Arguments> coreNumbers() {
        return Stream.of(
                Arguments.of("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", 60L, (ToLongFunction<Settings>) Settings::requestTimeoutSecs),
                Arguments.of("RUSTY_PINCH_REQUEST_RETRIES", 2L, (ToLongFunction<Settings>) Settings::requestRetries),
                Arguments.of("RUSTY_PINCH_RETRY_BACKOFF_MS", 600L, (ToLongFunction<Settings>) Settings::retryBackoffMs),
                Arguments.of("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS", 4000L, (ToLongFunction<Settings>) Settings::retryMaxBackoffMs),
                Arguments.of("RUSTY_PINCH_BUS_CAPACITY", 100L, (ToLongFunction<Settings>) Settings::busCapacity));
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberAcceptsDigits(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(5, read.applyAsLong(settings(key, "5")));
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberAcceptsLeadingPlus(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(7, read.applyAsLong(settings(key, "+7")));
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberWithLeadingZerosIsDecimal(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(9, read.applyAsLong(settings(key, "009")));
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberIsNotTrimmed(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(defaultValue, read.applyAsLong(settings(key, " 5")));
        assertEquals(defaultValue, read.applyAsLong(settings(key, "5 ")));
        assertEquals(defaultValue, read.applyAsLong(settings(key, "5\n")));
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberInvalidFallsBackToDefault(String key, long defaultValue, ToLongFunction<Settings> read) {
        for (String invalid : List.of("", " ", "-5", "-0", "+", "++5", "5.0", "1e3", "abc", "0x10", "\u0665")) {
            assertEquals(defaultValue, read.applyAsLong(settings(key, invalid)), "value '" + invalid + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "RUSTY_PINCH_RETRY_BACKOFF_MS", "RUSTY_PINCH_RETRY_MAX_BACKOFF_MS"})
    void u64NumbersAcceptUpToLongMax(String key) {
        Settings s = settings(key, "9223372036854775807");
        long value = switch (key) {
            case "RUSTY_PINCH_REQUEST_TIMEOUT_SECS" -> s.requestTimeoutSecs();
            case "RUSTY_PINCH_RETRY_BACKOFF_MS" -> s.retryBackoffMs();
            default -> s.retryMaxBackoffMs();
        };
        assertEquals(Long.MAX_VALUE, value);
    }

    @ParameterizedTest
    @MethodSource("coreNumbers")
    void coreNumberOverflowFallsBackToDefault(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(defaultValue, read.applyAsLong(settings(key, "9223372036854775808")));
        assertEquals(defaultValue, read.applyAsLong(settings(key, "18446744073709551615")));
    }

    @Test
    void requestRetriesAcceptsU32Range() {
        assertEquals(4294967295L, settings("RUSTY_PINCH_REQUEST_RETRIES", "4294967295").requestRetries());
        assertEquals(0, settings("RUSTY_PINCH_REQUEST_RETRIES", "0").requestRetries());
    }

    @Test
    void requestRetriesAboveU32FallsBackToDefault() {
        assertEquals(2, settings("RUSTY_PINCH_REQUEST_RETRIES", "4294967296").requestRetries());
    }

    @Test
    void requestTimeoutZeroMeansNoLimit() {
        Settings s = settings("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "0");
        assertEquals(0, s.requestTimeoutSecs());
        assertEquals(Duration.ZERO, s.providerSettings("rusty-pinch/1.0.0").requestTimeout());
    }

    @Test
    void busCapacityZeroBecomesOne() {
        assertEquals(1, settings("RUSTY_PINCH_BUS_CAPACITY", "0").busCapacity());
    }

    @Test
    void busCapacityIsCappedAtIntMax() {
        assertEquals(Integer.MAX_VALUE, settings("RUSTY_PINCH_BUS_CAPACITY", "3000000000").busCapacity());
        assertEquals(Integer.MAX_VALUE, settings("RUSTY_PINCH_BUS_CAPACITY", "9223372036854775807").busCapacity());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "drop_newest|DROP_NEWEST",
        "' BLOCK '|BLOCK",
        "drop_oldest|DROP_OLDEST",
        "''|DROP_OLDEST",
        "drop-newest|DROP_OLDEST",
        "fifo|DROP_OLDEST",
    })
    void busOverflow(String raw, OverflowPolicy expected) {
        assertEquals(expected, settings("RUSTY_PINCH_BUS_OVERFLOW", raw).busOverflow());
    }

    @Test
    void blankPathsUseTheDefault() {
        Settings s = settings(Map.of("RUSTY_PINCH_DATA_DIR", "  ", "RUSTY_PINCH_WORKSPACE", "",
                "RUSTY_PINCH_TELEMETRY_FILE", "\t", "RUSTY_PINCH_PLUGINS_DIR", " "));
        assertEquals("./data", s.dataDir());
        assertEquals("./workspace", s.workspace());
        assertEquals("./data/telemetry/latest.json", s.telemetryFile());
        assertEquals("./plugins", s.pluginsDir());
    }

    @Test
    void pathsAreKeptRawAndUntrimmed() {
        Settings s = settings(Map.of("RUSTY_PINCH_DATA_DIR", " /srv/data ", "RUSTY_PINCH_WORKSPACE", "ws ",
                "RUSTY_PINCH_TELEMETRY_FILE", " t.json", "RUSTY_PINCH_PLUGINS_DIR", "/p/ "));
        assertEquals(" /srv/data ", s.dataDir());
        assertEquals("ws ", s.workspace());
        assertEquals(" t.json", s.telemetryFile());
        assertEquals("/p/ ", s.pluginsDir());
    }

    @Test
    void telemetryDefaultFollowsTheDataDir() {
        assertEquals("/var/lib/rusty-pinch/data/telemetry/latest.json",
                settings("RUSTY_PINCH_DATA_DIR", "/var/lib/rusty-pinch/data").telemetryFile());
    }

    @Test
    void telemetryDefaultDoesNotDoubleATrailingSlash() {
        assertEquals("./d/telemetry/latest.json", settings("RUSTY_PINCH_DATA_DIR", "./d/").telemetryFile());
    }

    @Test
    void explicitTelemetryFileWins() {
        Settings s = settings(Map.of("RUSTY_PINCH_DATA_DIR", "/d", "RUSTY_PINCH_TELEMETRY_FILE", "/t/latest.json"));
        assertEquals("/t/latest.json", s.telemetryFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "Yes", "on", " on ", "\ttrue\n"})
    void booleansReadTrue(String raw) {
        assertTrue(settings("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", raw).telegramEnabled());
        assertTrue(settings("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", raw).whatsappEnabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "no", "OFF", "", "  ", "maybe", "2", "enabled", "y"})
    void otherBooleansReadTheDefaultFalse(String raw) {
        assertFalse(settings("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", raw).telegramEnabled());
        assertFalse(settings("RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", raw).whatsappEnabled());
    }

    static Stream<Arguments> channelNumbers() {
        return Stream.of(
                Arguments.of("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", 30L,
                        (ToLongFunction<Settings>) Settings::telegramPollTimeoutSecs),
                Arguments.of("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS", 350L,
                        (ToLongFunction<Settings>) Settings::telegramPollIntervalMs),
                Arguments.of("RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS", 60L,
                        (ToLongFunction<Settings>) Settings::telegramRequestTimeoutSecs),
                Arguments.of("RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS", 2000L,
                        (ToLongFunction<Settings>) Settings::whatsappReconnectMs));
    }

    @ParameterizedTest
    @MethodSource("channelNumbers")
    void channelNumbersAreTrimmed(String key, long defaultValue, ToLongFunction<Settings> read) {
        assertEquals(31, read.applyAsLong(settings(key, " 31\t")));
        assertEquals(800, read.applyAsLong(settings(key, "+800")));
        assertEquals(0, read.applyAsLong(settings(key, "0")));
    }

    @ParameterizedTest
    @MethodSource("channelNumbers")
    void invalidChannelNumbersFallBackToDefault(String key, long defaultValue, ToLongFunction<Settings> read) {
        for (String invalid : List.of("", "  ", "-1", "x", "1 2", "9223372036854775808")) {
            assertEquals(defaultValue, read.applyAsLong(settings(key, invalid)), "value '" + invalid + "'");
        }
    }

    @Test
    void allowListsAreCsv() {
        Settings s = settings(Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM", " 12345 , ,67890,",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM", ""));
        assertEquals(List.of("12345", "67890"), s.telegramAllowFrom());
        assertEquals(List.of(), s.whatsappAllowFrom());
    }

    @Test
    void pluginsDisabledIsCsv() {
        assertEquals(List.of("pinch-channel-telegram", "x"),
                settings("RUSTY_PINCH_PLUGINS_DISABLED", " pinch-channel-telegram,, x ").pluginsDisabled());
    }

    @Test
    void telegramApiBaseLosesTrailingSlashes() {
        assertEquals("http://127.0.0.1:8080/api",
                settings("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", " http://127.0.0.1:8080/api// ").telegramApiBase());
    }

    @Test
    void blankTelegramApiBaseUsesDefault() {
        assertEquals("https://api.telegram.org", settings("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", " ").telegramApiBase());
    }

    @Test
    void whatsappDialectIsTrimmedAndLowercased() {
        assertEquals("nanobot", settings("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", " NanoBot ").whatsappDialect());
    }

    @Test
    void invalidWhatsappDialectIsKeptAsRead() {
        assertEquals("baileys", settings("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "Baileys").whatsappDialect());
    }

    @Test
    void blankWhatsappDialectUsesDefault() {
        assertEquals("picoclaw", settings("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT", "  ").whatsappDialect());
    }

    @Test
    void bridgeUrlIsTrimmedAndBlankIsAbsent() {
        assertEquals(Optional.of("wss://bridge:3001"),
                settings("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", " wss://bridge:3001 ").whatsappBridgeUrl());
        assertEquals(Optional.empty(), settings("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL", "  ").whatsappBridgeUrl());
    }

    @Test
    void secretsAreTrimmedAndBlankIsAbsent() {
        Settings s = settings(Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", " 123:abc ",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "  "));
        assertEquals(Optional.of(Secret.of("123:abc")), s.telegramToken());
        assertEquals(Optional.empty(), s.whatsappBridgeToken());
    }

    @Test
    void toStringNeverShowsSecrets() {
        Settings s = settings(Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", "tg-secret-1",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN", "wa-secret-2", "RUSTY_PINCH_API_KEY", "sk-secret-3"));
        String text = s.toString();
        assertFalse(text.contains("tg-secret-1"), text);
        assertFalse(text.contains("wa-secret-2"), text);
        assertFalse(text.contains("sk-secret-3"), text);
        assertTrue(text.contains("<redacted>"), text);
    }

    @Test
    void pluginsDirDefaultsUnderHome() {
        Settings s = Settings.from(Environment.of(Map.of(), Map.of()), Path.of("/opt/rusty-pinch"));
        assertEquals("/opt/rusty-pinch/plugins", s.pluginsDir());
    }

    @Test
    void explicitPluginsDirWinsOverHome() {
        Settings s = Settings.from(Environment.of(Map.of("RUSTY_PINCH_PLUGINS_DIR", "/x/plugins"), Map.of()),
                Path.of("/opt/rusty-pinch"));
        assertEquals("/x/plugins", s.pluginsDir());
    }

    @Test
    void apiKeyAndBaseFollowTheProviderTables() {
        Settings s = settings(Map.of("RUSTY_PINCH_PROVIDER", "groq", "GROQ_API_KEY", "gk", "GROQ_API_BASE", "http://g/v1/"));
        assertEquals(Optional.of(Secret.of("gk")), s.apiKey());
        assertEquals(Optional.of("http://g/v1"), s.apiBase());
    }

    @Test
    void providerSettingsCarryTheResolvedValues() {
        Settings s = settings(Map.of("RUSTY_PINCH_PROVIDER", "openai", "OPENAI_API_KEY", "k",
                "RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "45"));
        ProviderSettings provider = s.providerSettings("rusty-pinch/1.0.0");
        assertEquals(new ProviderSettings("openai", "gpt-4o-mini", Optional.of("https://api.openai.com/v1"),
                Optional.of(Secret.of("k")), Duration.ofSeconds(45), "rusty-pinch/1.0.0"), provider);
    }

    /** SPEC §17.1 item 5, through a real file named by RUSTY_PINCH_ENV_FILE. */
    @Test
    void channelSettingsReadBackExactly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.env");
        Files.writeString(file, """
                RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED=true
                RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN=test-token
                RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM=12345,67890
                RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS=31
                RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS=800
                RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED=true
                RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL=ws://localhost:3001
                RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM=alice,bob
                RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS=4000
                """, UTF_8);
        Settings s = Settings.from(Environment.load(Map.of("RUSTY_PINCH_ENV_FILE", file.toString()), dir), null);
        assertTrue(s.telegramEnabled());
        assertEquals(Optional.of(Secret.of("test-token")), s.telegramToken());
        assertEquals(List.of("12345", "67890"), s.telegramAllowFrom());
        assertEquals(31, s.telegramPollTimeoutSecs());
        assertEquals(800, s.telegramPollIntervalMs());
        assertTrue(s.whatsappEnabled());
        assertEquals(Optional.of("ws://localhost:3001"), s.whatsappBridgeUrl());
        assertEquals(List.of("alice", "bob"), s.whatsappAllowFrom());
        assertEquals(4000, s.whatsappReconnectMs());
    }

    /** SPEC §17.1 item 6: the settings doctor warns about. */
    @Test
    void channelsEnabledWithoutTokenOrUrl() {
        Settings s = settings(Map.of("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "true",
                "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED", "true"));
        assertTrue(s.telegramEnabled());
        assertEquals(Optional.empty(), s.telegramToken());
        assertTrue(s.whatsappEnabled());
        assertEquals(Optional.empty(), s.whatsappBridgeUrl());
    }
}
