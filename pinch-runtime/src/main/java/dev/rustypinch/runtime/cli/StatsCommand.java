package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.Timestamps;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.json.JsonText;
import dev.rustypinch.runtime.telemetry.CorruptTelemetryException;
import dev.rustypinch.runtime.telemetry.StatsView;
import dev.rustypinch.runtime.telemetry.TelemetrySnapshot;
import dev.rustypinch.runtime.telemetry.TelemetryStore;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/** {@code stats} (SPEC §10.4): telemetry from the file, bus totals and live depth, this process's prompt cache. */
public final class StatsCommand {
    private final Application app;

    public StatsCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute() {
        TelemetryStore store = app.telemetry();
        TelemetrySnapshot snapshot;
        try {
            snapshot = store.read();
        } catch (CorruptTelemetryException e) {
            LoggerFactory.getLogger(StatsCommand.class)
                    .warn("telemetry file {} is corrupt, showing defaults: {}", app.settings().telemetryFile(), e.reason());
            snapshot = TelemetrySnapshot.defaults(Timestamps.format(app.clock().instant()));
        }
        Instant now = app.clock().instant();
        app.out().print(JsonText.pretty(StatsView.stats(snapshot, app.settings().telemetryFile(),
                app.prompts().hits(), app.prompts().misses(), now)) + "\n");
        return 0;
    }
}
