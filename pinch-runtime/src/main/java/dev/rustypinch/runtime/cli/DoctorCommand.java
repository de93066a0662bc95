package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.RuntimeVersion;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.channel.ChannelPreconditions;
import dev.rustypinch.runtime.config.Settings;
import dev.rustypinch.runtime.config.WebSettings;
import dev.rustypinch.runtime.plugin.PluginListing;
import dev.rustypinch.runtime.plugin.PluginRegistry;
import dev.rustypinch.runtime.telemetry.CorruptTelemetryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code doctor} (SPEC §4): the parity block, warnings in order, the added lines. Creates nothing. */
public final class DoctorCommand {
    private static final Set<String> LOCAL_PROVIDERS = Set.of("local", "offline");
    private static final Set<String> HTTP_PROVIDERS = Set.of("openrouter", "openai", "groq", "vllm", "compatible");
    private static final Set<String> DIALECTS = Set.of("picoclaw", "nanobot");

    private final Application app;

    public DoctorCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute(boolean strict) {
        Settings s = app.settings();
        loadPluginsInBackground();
        FileChecks files = new FileChecks(s);
        PluginRegistry plugins = app.plugins();
        ToolSourceDoctor sources = ToolSourceDoctor.collect(app);
        List<String> warnings = warnings(s, plugins, sources, files);
        List<String> lines = new ArrayList<>();
        lines.add("Rusty Pinch Doctor");
        lines.add("provider: " + s.provider());
        lines.add("model: " + s.model());
        lines.add("api_base: " + s.apiBase().orElse("<unset>"));
        lines.add("data_dir: " + s.dataDir());
        lines.add("workspace: " + s.workspace());
        lines.add("telemetry_file: " + s.telemetryFile());
        lines.add("request_timeout_secs: " + s.requestTimeoutSecs());
        lines.add("request_retries: " + s.requestRetries());
        lines.add("retry_backoff_ms: " + s.retryBackoffMs());
        lines.add("retry_max_backoff_ms: " + s.retryMaxBackoffMs());
        lines.add("api_key_loaded: " + s.apiKey().isPresent());
        lines.add("telegram_enabled: " + s.telegramEnabled());
        lines.add("telegram_allow_from_count: " + s.telegramAllowFrom().size());
        lines.add("whatsapp_enabled: " + s.whatsappEnabled());
        lines.add("whatsapp_allow_from_count: " + s.whatsappAllowFrom().size());
        lines.add("status: " + (warnings.isEmpty() ? "ok" : "warning"));
        warnings.forEach(warning -> lines.add("- " + warning));
        lines.add("runtime_version: " + RuntimeVersion.get());
        lines.add("bus_capacity: " + s.busCapacity());
        lines.add("bus_overflow: " + s.busOverflow().configValue());
        lines.add("telegram_api_base: " + s.telegramApiBase());
        lines.add("whatsapp_dialect: " + s.whatsappDialect());
        lines.add("whatsapp_bridge_token_loaded: " + s.whatsappBridgeToken().isPresent());
        lines.add("telemetry_corrupt_files: " + files.corruptTelemetryFiles);
        lines.add("plugins_dir: " + s.pluginsDir());
        lines.addAll(PluginListing.doctorLines(plugins));
        lines.addAll(new AgentDoctor(app.agentSettings()).lines());
        lines.addAll(sources.lines());
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        app.out().print(text);
        return strict && !warnings.isEmpty() ? 1 : 0;
    }

    /**
     * Starts loading the plugins on a background thread, so that the checks of files that do not need them run
     * meanwhile on two cores; {@link Application#plugins()} then waits for the load (or, if the thread has not taken it
     * yet, loads itself, and a failure shows there as it would have without the thread).
     */
    private void loadPluginsInBackground() {
        Thread thread = new Thread(() -> {
            try {
                app.plugins();
            } catch (RuntimeException | LinkageError e) {
                // The doctor's own call repeats the load and reports the failure.
            }
        }, "doctor-plugins");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the doctor reads from files that does not depend on the plugins: read while they load. */
    private final class FileChecks {
        private final Optional<String> corruptTelemetry;
        private final Optional<String> dataDirectory;
        private final Optional<String> envFile;
        private final Optional<String> pluginsDirectory;
        private final long corruptTelemetryFiles;

        FileChecks(Settings s) {
            Optional<String> corrupt = Optional.empty();
            try {
                app.telemetry().read();
            } catch (CorruptTelemetryException e) {
                corrupt = Optional.of("Telemetry file " + s.telemetryFile() + " is corrupt: " + e.reason());
            }
            corruptTelemetry = corrupt;
            dataDirectory = AccessChecks.dataDirectory(app.dataDir(), s.dataDir());
            envFile = AccessChecks.envFile(app.environment());
            pluginsDirectory = AccessChecks.pluginsDirectory(app.pluginsDir(), s.pluginsDir());
            corruptTelemetryFiles = app.telemetry().countCorruptFiles();
        }
    }

    /** The warnings in SPEC §4 order. Each step adds the warnings of its SPEC numbers. */
    private List<String> warnings(Settings s, PluginRegistry plugins, ToolSourceDoctor sources, FileChecks files) {
        List<String> warnings = new ArrayList<>();
        configurationWarnings(s, plugins, warnings);
        files.corruptTelemetry.ifPresent(warnings::add);
        allowlistWarnings(s, warnings);
        files.dataDirectory.ifPresent(warnings::add); // 18: other users reading the conversations
        AgentDoctor agent = new AgentDoctor(app.agentSettings());
        warnings.addAll(agent.settingWarnings(plugins.toolNames(), sources.toolNamePrefixes()));
        warnings.addAll(sources.warnings()); // #20: MCP config and server problems (§19.1)
        warnings.addAll(webWarnings(WebSettings.from(app.environment())));
        files.envFile.ifPresent(warnings::add); // 22-23: other users reading the secrets or planting code
        files.pluginsDirectory.ifPresent(warnings::add);
        warnings.addAll(agent.exposureWarnings(s));
        return warnings;
    }

    /** 1–14: settings and plugins (15, a corrupt telemetry file, comes from the {@link FileChecks}). */
    private void configurationWarnings(Settings s, PluginRegistry plugins, List<String> warnings) {
        String provider = s.provider();
        boolean local = LOCAL_PROVIDERS.contains(provider);
        if (s.model().isEmpty()) {
            warnings.add("RUSTY_PINCH_MODEL is empty");
        }
        if (!local && s.apiKey().isEmpty()) {
            warnings.add("Provider '" + provider + "' requires API key but none was found");
        }
        if (HTTP_PROVIDERS.contains(provider) && s.apiBase().isEmpty()) {
            warnings.add("Provider '" + provider + "' requires API base but none was found");
        }
        if (s.requestTimeoutSecs() == 0) {
            warnings.add("RUSTY_PINCH_REQUEST_TIMEOUT_SECS should be > 0");
        }
        if (s.retryMaxBackoffMs() < s.retryBackoffMs()) {
            warnings.add("RUSTY_PINCH_RETRY_MAX_BACKOFF_MS should be >= RUSTY_PINCH_RETRY_BACKOFF_MS");
        }
        if (s.telegramEnabled() && s.telegramToken().isEmpty()) {
            warnings.add("Telegram channel enabled but RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN is missing");
        }
        if (s.whatsappEnabled() && s.whatsappBridgeUrl().isEmpty()) {
            warnings.add("WhatsApp channel enabled but RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL is missing");
        }
        warnings.addAll(PluginListing.failureWarnings(plugins));
        if (!local && plugins.providerPlugin(provider).isEmpty()) {
            warnings.add("Provider '" + provider + "' is not provided by any loaded plugin");
        }
        if (s.telegramEnabled() && plugins.channelPlugin("telegram").isEmpty()) {
            warnings.add("Telegram channel enabled but no loaded plugin provides channel 'telegram'");
        }
        if (s.whatsappEnabled() && plugins.channelPlugin("whatsapp").isEmpty()) {
            warnings.add("WhatsApp channel enabled but no loaded plugin provides channel 'whatsapp'");
        }
        if (!DIALECTS.contains(s.whatsappDialect())) {
            warnings.add("RUSTY_PINCH_CHANNELS_WHATSAPP_DIALECT must be picoclaw or nanobot (got '" + s.whatsappDialect() + "')");
        }
        if (s.whatsappEnabled() && s.whatsappBridgeUrl().filter(url -> !ChannelPreconditions.isWebSocketUrl(url)).isPresent()) {
            warnings.add("RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_URL must start with ws:// or wss://");
        }
        if (s.whatsappEnabled() && s.whatsappDialect().equals("nanobot") && s.whatsappBridgeToken().isEmpty()) {
            warnings.add("WhatsApp nanobot dialect selected but RUSTY_PINCH_CHANNELS_WHATSAPP_BRIDGE_TOKEN is missing");
        }
    }

    /** 16–17: who can talk to the bot. */
    private static void allowlistWarnings(Settings s, List<String> warnings) {
        if (s.telegramEnabled() && s.telegramAllowFrom().isEmpty()) {
            warnings.add("Telegram channel enabled with an empty allowlist: anyone who finds the bot can use it");
        }
        if (s.whatsappEnabled() && s.whatsappAllowFrom().isEmpty()) {
            warnings.add("WhatsApp channel enabled with an empty allowlist: anyone who can message the bridge account is answered");
        }
    }

    /** Warning #21 (SPEC §4, §20.1): both texts, only for an enabled web channel. */
    private static List<String> webWarnings(WebSettings web) {
        List<String> warnings = new ArrayList<>();
        if (web.enabled() && !web.tokenPresent()) {
            warnings.add("Web channel enabled but RUSTY_PINCH_CHANNELS_WEB_TOKEN is missing");
        }
        if (web.enabled() && !web.listensOnLoopback()) {
            warnings.add("Web channel listens on " + web.listenHost() + " without TLS; put it behind a TLS proxy");
        }
        return warnings;
    }
}
