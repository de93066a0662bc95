package dev.rustypinch.distribution.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The temporary {@code .env} of a Telegram worker test (SPEC §17 set-up): the Telegram channel enabled against a fake
 * Bot API, the local provider, short poll timings; tests override single variables.
 */
final class WorkerEnv {
    /** A token with the {@code :} of real ones; its secret part must never leak. */
    static final String TOKEN = "123456:AAH-secret_T0KEN";
    static final String SECRET_PART = "AAH-secret_T0KEN";
    /** The unpacked distribution built by {@code package}. */
    static final Path DIST = Path.of(requireNonNull(System.getProperty("dist.unpacked"), "dist.unpacked is not set"));

    private final Map<String, String> values = new TreeMap<>();

    WorkerEnv(String telegramApiBase) {
        values.put("RUSTY_PINCH_PROVIDER", "local");
        values.put("RUSTY_PINCH_MODEL", "test-model");
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_ENABLED", "true");
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_TOKEN", TOKEN);
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_API_BASE", telegramApiBase);
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_TIMEOUT_SECS", "2");
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_POLL_INTERVAL_MS", "20");
        values.put("RUSTY_PINCH_CHANNELS_TELEGRAM_REQUEST_TIMEOUT_SECS", "5");
    }

    WorkerEnv set(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** Uses the OpenAI-compatible provider at {@code apiBase} (no retries, short call limit). */
    WorkerEnv openAi(String apiBase) {
        return set("RUSTY_PINCH_PROVIDER", "openai")
                .set("RUSTY_PINCH_API_BASE", apiBase)
                .set("RUSTY_PINCH_API_KEY", "sk-test-provider-key")
                .set("RUSTY_PINCH_REQUEST_RETRIES", "0")
                .set("RUSTY_PINCH_REQUEST_TIMEOUT_SECS", "20");
    }

    /** Writes the file (single-quoted values) and returns its path. */
    Path write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append("='").append(value).append("'\n"));
        return Files.writeString(file, text, UTF_8);
    }
}
