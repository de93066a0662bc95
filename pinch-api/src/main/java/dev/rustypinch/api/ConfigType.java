package dev.rustypinch.api;

/**
 * How the runtime reads a {@link ConfigKey}'s raw environment value (SPEC §2.4, plugin rules).
 */
public enum ConfigType {
    /** Trimmed; blank = absent. */
    STRING,
    /** Like {@link #STRING}, but the value is a {@link Secret} and is never shown. */
    SECRET,
    /** Trimmed, lowercased: 1/true/yes/on, 0/false/no/off; anything else = default. */
    BOOLEAN,
    /** Trimmed, then digits with an optional leading '+', 0..Long.MAX_VALUE; anything else = default. */
    NUMBER,
    /** Split on ',', items trimmed, empty items dropped; unset = empty list. */
    CSV,
    /** Blank after trim = default; else the raw, untrimmed value. */
    PATH
}
