/**
 * The default OpenAI-compatible provider plugin (SPEC §8): one {@code POST <api_base>/chat/completions}
 * per {@link dev.rustypinch.api.ChatProvider#complete} call, every outcome classified as a reply or a
 * transient or permanent {@link dev.rustypinch.api.ProviderException}. Retries, backoff and the
 * pre-checks belong to the runtime.
 */
package dev.rustypinch.plugin.provideropenai;
