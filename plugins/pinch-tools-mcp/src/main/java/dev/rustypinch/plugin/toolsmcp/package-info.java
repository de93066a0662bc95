/**
 * The MCP tools plugin (SPEC §19): every configured Model Context Protocol server becomes a set of tools, on the
 * official MCP Java SDK. Only {@link dev.rustypinch.plugin.toolsmcp.ServerConnection} and the transport classes touch
 * SDK types, and only once a server is configured and needed; the factory, the configuration and the names never
 * load the SDK.
 */
package dev.rustypinch.plugin.toolsmcp;
