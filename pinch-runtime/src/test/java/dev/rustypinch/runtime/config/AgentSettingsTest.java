package dev.rustypinch.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent-mode variables of SPEC §18.1. */
class AgentSettingsTest {
    private static AgentSettings read(Map<String, String> values) {
        return AgentSettings.from(Environment.of(values, Map.of()));
    }

    @Test
    void unsetMeansOffWithDefaults() {
        AgentSettings settings = read(Map.of());
        assertFalse(settings.enabled());
        assertEquals("-", settings.doctorTools());
        assertEquals(6, settings.maxRounds());
        assertEquals(Optional.of(Duration.ofSeconds(30)), settings.toolTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(300)), settings.turnTimeout());
        assertEquals(Optional.empty(), settings.invalidMaxRounds());
    }

    @Test
    void toolsAreACsvListShownSorted() {
        AgentSettings settings = read(Map.of("RUSTY_PINCH_AGENT_TOOLS", " time_now , session_tail,,time_now "));
        assertTrue(settings.enabled());
        assertEquals(List.of("session_tail", "time_now"), settings.tools());
        assertEquals("session_tail,time_now", settings.doctorTools());
        assertTrue(settings.lists("time_now"));
        assertFalse(settings.lists("model_info"));
    }

    @Test
    void starListsEveryTool() {
        AgentSettings settings = read(Map.of("RUSTY_PINCH_AGENT_TOOLS", "*"));
        assertEquals("*", settings.doctorTools());
        assertTrue(settings.lists("anything"));
    }

    @Test
    void maxRoundsBetweenOneAndThirtyTwoTrimmed() {
        assertEquals(1, read(Map.of("RUSTY_PINCH_AGENT_MAX_ROUNDS", " 1 ")).maxRounds());
        assertEquals(32, read(Map.of("RUSTY_PINCH_AGENT_MAX_ROUNDS", "32")).maxRounds());
    }

    @Test
    void otherMaxRoundsFallBackToSixAndAreReported() {
        for (String bad : List.of("0", "33", "-1", "six", "4294967296")) {
            AgentSettings settings = read(Map.of("RUSTY_PINCH_AGENT_MAX_ROUNDS", bad));
            assertEquals(6, settings.maxRounds(), bad);
            assertEquals(Optional.of(bad), settings.invalidMaxRounds(), bad);
        }
    }

    @Test
    void zeroTimeoutsMeanNone() {
        AgentSettings settings = read(Map.of("RUSTY_PINCH_AGENT_TOOL_TIMEOUT_SECS", "0", "RUSTY_PINCH_AGENT_TURN_TIMEOUT_SECS", "0"));
        assertEquals(Optional.empty(), settings.toolTimeout());
        assertEquals(Optional.empty(), settings.turnTimeout());
    }
}
