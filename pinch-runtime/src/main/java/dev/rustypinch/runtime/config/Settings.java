package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ProviderSettings;
import dev.rustypinch.api.Secret;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.bus.OverflowPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every runtime variable of SPEC §2.5, read from the {@link Environment} overlay with the value
 * rules of §2.4. Immutable; {@link #toString()} shows secrets only as {@code <redacted>}. Paths are
 * kept as configured (strings), exactly as doctor prints them.
 */
public record Settings(
        String provider,
        String model,
        Optional<Secret> apiKey,
        Optional<String> apiBase,
        long requestTimeoutSecs,
        long requestRetries,
        long retryBackoffMs,
        long retryMaxBackoffMs,
        String dataDir,
        String workspace,
        String telemetryFile,
        int busCapacity,
        OverflowPolicy busOverflow,
        boolean telegramEnabled,
        Optional<Secret> telegramToken,
        List<String> telegramAllowFrom,
        long telegramPollTimeoutSecs,
        long telegramPollIntervalMs,
        long telegramRequestTimeoutSecs,
        String telegramApiBase,
        boolean whatsappEnabled,
        Optional<String> whatsappBridgeUrl,
        List<String> whatsappAllowFrom,
        long whatsappReconnectMs,
        String whatsappDialect,
        Optional<Secret> whatsappBridgeToken,
        String pluginsDir,
        List<String> pluginsDisabled) {

    public static final String PROVIDER = "RUSTY_PINCH_PROVIDER";
    public static final String MODEL = "RUSTY_PINCH_MODEL";
    public static final String REQUEST_TIMEOUT_SECS = "RUSTY_PINCH_REQUEST_TIMEOUT_SECS";
    public static final String REQUEST_RETRIES = "RUSTY_PINCH_REQUEST_RETRIES";
    public static final String RETRY_BACKOFF_MS = "RUSTY_PINCH_RETRY_BACKOFF_MS";
    public static final String RETRY_MAX_BACKOFF_MS = "RUSTY_PINCH_RETRY_MAX_BACKOFF_MS";
    public static final String DATA_DIR = "RUSTY_PINCH_DATA_DIR";
    public static final String WORKSPACE = "RUSTY_PINCH_WORKSPACE";
    public static final String TELEMETRY_FILE = "RUSTY_PINCH_TELEMETRY_FILE";
    public static final String BUS_CAPACITY = "RUSTY_PINCH_BUS_CAPACITY";
    public static final String BUS_OVERFLOW = "RUSTY_PINCH_BUS_OVERFLOW";
    public static final String TELEGRAM_ENABLED = "RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED";
    public static final String TELEGRAM_TOKEN = "RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN";
    public static final String TELEGRAM_ALLOW_FROM = "RUSTY_PINCH_CHANNELS_TELEGRAM_ALLOW_FROM";
    public static final String TELEGRAM_POLL_TIMEOUT_SECS = "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS";
    public static final String TELEGRAM_POLL_INTERVAL_MS = "RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS";
    public static final String TELEGRAM_REQUEST_TIMEOUT_SECS = "RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS";
    public static final String TELEGRAM_API_BASE = "RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE";
    public static final String WHATSAPP_ENABLED = "RUSTY_PINCH_CHANNELS_WHATSAPP_ENABLED";
    public static final String WHATSAPP_BRIDGE_URL = "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL";
    public static final String WHATSAPP_ALLOW_FROM = "RUSTY_PINCH_CHANNELS_WHATSAPP_ALLOW_FROM";
    public static final String WHATSAPP_RECONNECT_MS = "RUSTY_PINCH_CHANNELS_WHATSAPP_RECONNECT_MS";
    public static final String WHATSAPP_DIALECT = "RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT";
    public static final String WHATSAPP_BRIDGE_TOKEN = "RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN";
    public static final String PLUGINS_DIR = "RUSTY_PINCH_PLUGINS_DIR";
    public static final String PLUGINS_DISABLED = "RUSTY_PINCH_PLUGINS_DISABLED";

    public static final String DEFAULT_PROVIDER = "openrouter";
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_WORKSPACE = "./workspace";
    public static final String DEFAULT_TELEGRAM_API_BASE = "https://api.telegram.org";
    public static final String DEFAULT_WHATSAPP_DIALECT = "picoclaw";

    public Settings {
        requireNonNull(provider, "provider is null");
        requireNonNull(model, "model is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(apiBase, "apiBase is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(workspace, "workspace is null");
        requireNonNull(telemetryFile, "telemetryFile is null");
        requireNonNull(busOverflow, "busOverflow is null");
        requireNonNull(telegramToken, "telegramToken is null");
        telegramAllowFrom = List.copyOf(requireNonNull(telegramAllowFrom, "telegramAllowFrom is null"));
        requireNonNull(telegramApiBase, "telegramApiBase is null");
        requireNonNull(whatsappBridgeUrl, "whatsappBridgeUrl is null");
        whatsappAllowFrom = List.copyOf(requireNonNull(whatsappAllowFrom, "whatsappAllowFrom is null"));
        requireNonNull(whatsappDialect, "whatsappDialect is null");
        requireNonNull(whatsappBridgeToken, "whatsappBridgeToken is null");
        requireNonNull(pluginsDir, "pluginsDir is null");
        pluginsDisabled = List.copyOf(requireNonNull(pluginsDisabled, "pluginsDisabled is null"));
        requireNotNegative("requestTimeoutSecs", requestTimeoutSecs);
        requireNotNegative("retryBackoffMs", retryBackoffMs);
        requireNotNegative("retryMaxBackoffMs", retryMaxBackoffMs);
        requireNotNegative("telegramPollTimeoutSecs", telegramPollTimeoutSecs);
        requireNotNegative("telegramPollIntervalMs", telegramPollIntervalMs);
        requireNotNegative("telegramRequestTimeoutSecs", telegramRequestTimeoutSecs);
        requireNotNegative("whatsappReconnectMs", whatsappReconnectMs);
        if (requestRetries < 0 || requestRetries > ValueRules.MAX_U32) {
            throw new IllegalArgumentException("requestRetries must be 0.." + ValueRules.MAX_U32 + ", got " + requestRetries);
        }
        if (busCapacity < 1) {
            throw new IllegalArgumentException("busCapacity must be >= 1, got " + busCapacity);
        }
    }

    /**
     * Reads every variable from the overlay.
     *
     * @param env  the overlay (process environment, then {@code .env})
     * @param home the install directory ({@code -Drusty-pinch.home}); {@code null} without the
     *             launcher, giving {@code ./plugins} as the plugins directory default
     */
    public static Settings from(Environment env, Path home) {
        requireNonNull(env, "env is null");
        String provider = env.get(PROVIDER).map(ValueRules::lowerTrimmed).orElse(DEFAULT_PROVIDER);
        String model = env.get(MODEL).map(UnicodeWhitespace::trim).orElse(defaultModel(provider));
        String dataDir = path(env, DATA_DIR, DEFAULT_DATA_DIR);
        return new Settings(
                provider,
                model,
                ProviderCredentials.apiKey(provider, env),
                ProviderCredentials.apiBase(provider, env),
                coreNumber(env, REQUEST_TIMEOUT_SECS, ValueRules.MAX_U64, 60),
                coreNumber(env, REQUEST_RETRIES, ValueRules.MAX_U32, 2),
                coreNumber(env, RETRY_BACKOFF_MS, ValueRules.MAX_U64, 600),
                coreNumber(env, RETRY_MAX_BACKOFF_MS, ValueRules.MAX_U64, 4000),
                dataDir,
                path(env, WORKSPACE, DEFAULT_WORKSPACE),
                path(env, TELEMETRY_FILE, defaultTelemetryFile(dataDir)),
                busCapacity(env),
                OverflowPolicy.parse(env.rawOrNull(BUS_OVERFLOW)),
                bool(env, TELEGRAM_ENABLED),
                secret(env, TELEGRAM_TOKEN),
                ValueRules.csv(env.rawOrNull(TELEGRAM_ALLOW_FROM)),
                channelNumber(env, TELEGRAM_POLL_TIMEOUT_SECS, 30),
                channelNumber(env, TELEGRAM_POLL_INTERVAL_MS, 350),
                channelNumber(env, TELEGRAM_REQUEST_TIMEOUT_SECS, 60),
                telegramApiBase(env),
                bool(env, WHATSAPP_ENABLED),
                ValueRules.optionalString(env.rawOrNull(WHATSAPP_BRIDGE_URL)),
                ValueRules.csv(env.rawOrNull(WHATSAPP_ALLOW_FROM)),
                channelNumber(env, WHATSAPP_RECONNECT_MS, 2000),
                ValueRules.optionalString(env.rawOrNull(WHATSAPP_DIALECT))
                        .map(ValueRules::lowerTrimmed)
                        .orElse(DEFAULT_WHATSAPP_DIALECT),
                secret(env, WHATSAPP_BRIDGE_TOKEN),
                path(env, PLUGINS_DIR, home == null ? "./plugins" : home.resolve("plugins").toString()),
                ValueRules.csv(env.rawOrNull(PLUGINS_DISABLED)));
    }

    /** The model used when {@code RUSTY_PINCH_MODEL} is unset, by (lowercase) provider. */
    public static String defaultModel(String provider) {
        requireNonNull(provider, "provider is null");
        return switch (provider) {
            case "openai" -> "gpt-4o-mini";
            case "anthropic" -> "claude-3-5-sonnet-latest";
            default -> "openrouter/qwen/qwen3-coder";
        };
    }

    /** The provider configuration handed to provider plugins. */
    public ProviderSettings providerSettings(String userAgent) {
        return new ProviderSettings(provider, model, apiBase, apiKey, Duration.ofSeconds(requestTimeoutSecs), userAgent);
    }

    /** {@code <data_dir>/telemetry/latest.json}, joined like Rust's {@code PathBuf::join}. */
    private static String defaultTelemetryFile(String dataDir) {
        String separator = dataDir.endsWith("/") ? "" : "/";
        return dataDir + separator + "telemetry/latest.json";
    }

    private static int busCapacity(Environment env) {
        long capacity = coreNumber(env, BUS_CAPACITY, ValueRules.MAX_U64, 100);
        return (int) Math.max(1, Math.min(capacity, Integer.MAX_VALUE));
    }

    private static String telegramApiBase(Environment env) {
        return ValueRules.optionalString(env.rawOrNull(TELEGRAM_API_BASE))
                .map(ValueRules::stripTrailingSlashes)
                .filter(base -> !base.isEmpty())
                .orElse(DEFAULT_TELEGRAM_API_BASE);
    }

    private static String path(Environment env, String key, String defaultValue) {
        return ValueRules.path(env.rawOrNull(key)).orElse(defaultValue);
    }

    private static boolean bool(Environment env, String key) {
        return ValueRules.bool(env.rawOrNull(key)).orElse(false);
    }

    private static Optional<Secret> secret(Environment env, String key) {
        return ValueRules.optionalString(env.rawOrNull(key)).map(Secret::of);
    }

    private static long coreNumber(Environment env, String key, long max, long defaultValue) {
        return ValueRules.coreNumber(env.rawOrNull(key), max).orElse(defaultValue);
    }

    private static long channelNumber(Environment env, String key, long defaultValue) {
        return ValueRules.channelNumber(env.rawOrNull(key), ValueRules.MAX_U64).orElse(defaultValue);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
