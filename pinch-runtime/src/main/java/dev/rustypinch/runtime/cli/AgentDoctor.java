package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.config.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What {@code doctor} says about agent mode (SPEC §18.1, §4): its two lines and warnings 19 and 24. */
final class AgentDoctor {
    private final AgentSettings agent;

    AgentDoctor(AgentSettings agent) {
        this.agent = requireNonNull(agent, "agent is null");
    }

    /** {@code agent_tools} and {@code agent_max_rounds}, after the plugin lines. */
    List<String> lines() {
        return List.of("agent_tools: " + agent.doctorTools(), "agent_max_rounds: " + agent.maxRounds());
    }

    /**
     * Warning 19: each listed name no static tool has, in name order, except names starting with one of
     * {@code runTimePrefixes} (e.g. {@code files_} for a configured MCP server, which doctor never contacts); then an
     * unusable {@code RUSTY_PINCH_AGENT_MAX_ROUNDS}.
     */
    List<String> settingWarnings(Collection<String> staticToolNames, Collection<String> runTimePrefixes) {
        List<String> warnings = new ArrayList<>();
        for (String name : agent.tools()) {
            boolean known = name.equals(AgentSettings.ALL_TOOLS) || staticToolNames.contains(name)
                    || runTimePrefixes.stream().anyMatch(name::startsWith);
            if (!known) {
                warnings.add(AgentSettings.TOOLS + " names unknown tool '" + name + "'");
            }
        }
        agent.invalidMaxRounds().ifPresent(value -> warnings.add(AgentSettings.MAX_ROUNDS
                + " must be between 1 and " + AgentSettings.MAX_MAX_ROUNDS + " (got '" + value + "')"));
        return warnings;
    }

    /** Warning 24: agent mode on while an enabled channel answers anyone. */
    List<String> exposureWarnings(Settings settings) {
        List<String> warnings = new ArrayList<>();
        if (!agent.enabled()) {
            return warnings;
        }
        if (settings.telegramEnabled() && settings.telegramAllowFrom().isEmpty()) {
            warnings.add(exposed("Telegram"));
        }
        if (settings.whatsappEnabled() && settings.whatsappAllowFrom().isEmpty()) {
            warnings.add(exposed("WhatsApp"));
        }
        return warnings;
    }

    private static String exposed(String channel) {
        return "Agent tools are enabled while the " + channel
                + " allowlist is empty: anyone who can message the bot can make it run tools";
    }
}
