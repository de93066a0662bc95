package dev.rustypinch.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.UnicodeWhitespace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The agent-mode variables of SPEC §18.1, read from the {@link Environment} overlay. Kept apart from {@link Settings}
 * so agent mode adds its own small record instead of growing the drop-in one.
 *
 * @param tools              the listed tool names, sorted and without duplicates; {@code *} = every tool; empty = off
 * @param maxRounds          model calls per turn, 1–32
 * @param invalidMaxRounds   the trimmed {@code RUSTY_PINCH_AGENT_MAX_ROUNDS} when it was set but unusable (doctor warns)
 * @param toolTimeoutSecs    per tool call; 0 = none
 * @param turnTimeoutSecs    whole loop; 0 = none
 */
public record AgentSettings(List<String> tools, int maxRounds, Optional<String> invalidMaxRounds, long toolTimeoutSecs,
                            long turnTimeoutSecs) {
    public static final String TOOLS = "RUSTY_PINCH_AGENT_TOOLS";
    public static final String MAX_ROUNDS = "RUSTY_PINCH_AGENT_MAX_ROUNDS";
    public static final String TOOL_TIMEOUT_SECS = "RUSTY_PINCH_AGENT_TOOL_TIMEOUT_SECS";
    public static final String TURN_TIMEOUT_SECS = "RUSTY_PINCH_AGENT_TURN_TIMEOUT_SECS";
    public static final String ALL_TOOLS = "*";
    public static final int DEFAULT_MAX_ROUNDS = 6;
    public static final int MAX_MAX_ROUNDS = 32;
    public static final long DEFAULT_TOOL_TIMEOUT_SECS = 30;
    public static final long DEFAULT_TURN_TIMEOUT_SECS = 300;

    /** Agent mode off, with every other value at its default. */
    public static final AgentSettings OFF = new AgentSettings(List.of(), DEFAULT_MAX_ROUNDS, Optional.empty(),
            DEFAULT_TOOL_TIMEOUT_SECS, DEFAULT_TURN_TIMEOUT_SECS);

    public AgentSettings {
        tools = List.copyOf(new TreeSet<>(requireNonNull(tools, "tools is null")));
        requireNonNull(invalidMaxRounds, "invalidMaxRounds is null");
        if (maxRounds < 1 || maxRounds > MAX_MAX_ROUNDS) {
            throw new IllegalArgumentException("maxRounds must be 1.." + MAX_MAX_ROUNDS + ", got " + maxRounds);
        }
        if (toolTimeoutSecs < 0 || turnTimeoutSecs < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0");
        }
    }

    /** Reads the four variables; unusable numbers fall back to their defaults. */
    public static AgentSettings from(Environment env) {
        requireNonNull(env, "env is null");
        String rawRounds = env.rawOrNull(MAX_ROUNDS);
        String rounds = rawRounds == null ? "" : UnicodeWhitespace.trim(rawRounds);
        long parsedRounds = ValueRules.coreNumber(rounds, ValueRules.MAX_U32).orElse(-1);
        boolean roundsUsable = parsedRounds >= 1 && parsedRounds <= MAX_MAX_ROUNDS;
        return new AgentSettings(
                ValueRules.csv(env.rawOrNull(TOOLS)),
                roundsUsable ? (int) parsedRounds : DEFAULT_MAX_ROUNDS,
                roundsUsable || rounds.isEmpty() ? Optional.empty() : Optional.of(rounds),
                ValueRules.channelNumber(env.rawOrNull(TOOL_TIMEOUT_SECS), ValueRules.MAX_U64).orElse(DEFAULT_TOOL_TIMEOUT_SECS),
                ValueRules.channelNumber(env.rawOrNull(TURN_TIMEOUT_SECS), ValueRules.MAX_U64).orElse(DEFAULT_TURN_TIMEOUT_SECS));
    }

    /** Whether agent mode is on (some tool is listed). */
    public boolean enabled() {
        return !tools.isEmpty();
    }

    /** Whether {@code *} is listed: every tool that exists at the turn is offered. */
    public boolean allTools() {
        return tools.contains(ALL_TOOLS);
    }

    /** Whether the model may call a tool of this name (it still has to exist at the turn). */
    public boolean lists(String toolName) {
        return allTools() || tools.contains(toolName);
    }

    /** The per-call limit, empty for none. */
    public Optional<Duration> toolTimeout() {
        return toolTimeoutSecs == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(toolTimeoutSecs));
    }

    /** The whole-loop limit, empty for none. */
    public Optional<Duration> turnTimeout() {
        return turnTimeoutSecs == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(turnTimeoutSecs));
    }

    /** doctor's {@code agent_tools} value: {@code -} when off, {@code *} for every tool, else the sorted names. */
    public String doctorTools() {
        if (!enabled()) {
            return "-";
        }
        return allTools() ? ALL_TOOLS : String.join(",", tools);
    }
}
