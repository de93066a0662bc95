/**
 * Settings (SPEC §2): the strict {@code .env} parser, the one environment overlay every lookup goes
 * through (process environment first, then the file), the value rules, every runtime variable, the
 * provider key and base tables, and the scoped configuration view handed to plugins.
 */
package dev.rustypinch.runtime.config;
