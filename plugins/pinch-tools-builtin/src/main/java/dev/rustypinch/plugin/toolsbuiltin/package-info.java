/**
 * The built-in tools (SPEC §9.3): {@code model_info}, {@code session_tail} and {@code time_now},
 * each registered through its own {@link dev.rustypinch.api.ToolFactory}.
 */
package dev.rustypinch.plugin.toolsbuiltin;
