package dev.rustypinch.runtime.telemetry;

import static java.util.Objects.requireNonNull;

/**
 * One turn as telemetry counts it: its {@code last_turn} record and what its agent loop did (SPEC §10.2, §18.6).
 *
 * @param turn  the turn record
 * @param agent the turn's agent-mode counts ({@link AgentCounts#ZERO} without agent mode)
 */
public record CountedTurn(TurnRecord turn, AgentCounts agent) {
    public CountedTurn {
        requireNonNull(turn, "turn is null");
        requireNonNull(agent, "agent is null");
    }
}
