package dev.rustypinch.runtime.plugin;

/** What became of one plugin found in the plugins directory (SPEC §15). */
public enum PluginState {
    /** Loaded; its providers, channels and tools can be used. */
    LOADED,
    /** Named in {@code RUSTY_PINCH_PLUGINS_DISABLED}: only its descriptor was read. */
    DISABLED,
    /** Skipped because of at least one problem. */
    FAILED
}
