package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The three Bot API calls the channel makes (SPEC §12.2, §12.4, §12.5), each with its own time
 * limit, returning parsed results or throwing {@link BotApiException} with the SPEC's error texts.
 * Thread safe: polls run on the poller thread, sends on runtime worker threads.
 */
final class TelegramBotApi implements AutoCloseable {
    /** The update kinds asked for, as the {@code allowed_updates} query value. */
    static final String ALLOWED_UPDATES = "[\"message\",\"edited_message\"]";
    static final Duration ACK_CALL_LIMIT = Duration.ofSeconds(5);

    private static final String UNKNOWN_ERROR = "unknown telegram error";

    private static final ApiMethod GET_UPDATES = new ApiMethod(
            "telegram getUpdates returned error: ", "telegram getUpdates failed: ",
            "failed to decode telegram getUpdates payload");
    private static final ApiMethod SEND_MESSAGE = new ApiMethod(
            "telegram API returned error: ", "telegram sendMessage failed: ",
            "failed to decode telegram sendMessage payload");

    private final TelegramSettings settings;
    private final TokenRedactor redactor;
    private final HttpUrl botUrl;
    private final ClientSetup clients;
    private final Object pollLock = new Object();
    private Call inFlightPoll;
    private boolean pollsCancelled;

    /** The HTTP clients are made on a background thread (see {@link ClientSetup}); the first call waits for them. */
    TelegramBotApi(TelegramSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.redactor = new TokenRedactor(settings.token());
        HttpUrl base = HttpUrl.parse(settings.apiBase());
        if (base == null) {
            throw new IllegalArgumentException(TelegramSettings.API_BASE + " must be an http:// or https:// URL, got '"
                    + settings.apiBase() + "'");
        }
        this.botUrl = base.newBuilder().addPathSegment("bot" + settings.token().reveal()).build();
        this.clients = new ClientSetup(settings, base.isHttps());
    }

    /**
     * One long poll from {@code offset}. Blocks up to the poll limit unless {@link #cancelPolls()}
     * is called.
     *
     * @return the updates, each an object with an integral {@code update_id}
     */
    List<JsonNode> getUpdates(long offset) throws BotApiException {
        HttpUrl url = botUrl.newBuilder()
                .addPathSegment("getUpdates")
                .addQueryParameter("timeout", Long.toString(settings.longPollSeconds()))
                .addQueryParameter("offset", Long.toString(offset))
                .addQueryParameter("allowed_updates", ALLOWED_UPDATES)
                .build();
        Call call = clients(GET_UPDATES).poll().newCall(new Request.Builder().url(url).get().build());
        synchronized (pollLock) {
            if (pollsCancelled) {
                throw BotApiException.io(GET_UPDATES.failedPrefix() + "io_error=IOException: Canceled");
            }
            inFlightPoll = call;
        }
        try {
            return updates(execute(call, GET_UPDATES));
        } finally {
            synchronized (pollLock) {
                inFlightPoll = null;
            }
        }
    }

    /** Confirms every update below {@code offset} to Telegram: {@code getUpdates?offset=…&timeout=0&limit=1}. */
    void acknowledge(long offset) throws BotApiException {
        HttpUrl url = botUrl.newBuilder()
                .addPathSegment("getUpdates")
                .addQueryParameter("offset", Long.toString(offset))
                .addQueryParameter("timeout", "0")
                .addQueryParameter("limit", "1")
                .build();
        execute(clients(GET_UPDATES).ack().newCall(new Request.Builder().url(url).get().build()), GET_UPDATES);
    }

    /** Sends one chunk: {@code POST sendMessage} with {@code {"chat_id":"…","text":"…"}}. */
    void sendMessage(String chatId, String text) throws BotApiException {
        String json = TelegramJson.sendMessageBody(chatId, text);
        HttpUrl url = botUrl.newBuilder().addPathSegment("sendMessage").build();
        Request request = new Request.Builder().url(url).post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JsonType.MEDIA_TYPE)).build();
        execute(clients(SEND_MESSAGE).send().newCall(request), SEND_MESSAGE);
    }

    /** Cancels the running long poll, if any, and makes every later poll fail at once. Idempotent. */
    void cancelPolls() {
        Call call;
        synchronized (pollLock) {
            pollsCancelled = true;
            call = inFlightPoll;
        }
        if (call != null) {
            call.cancel();
        }
    }

    /** Closes connections and stops OkHttp's threads; waits for the client set-up thread. Idempotent. */
    @Override
    public void close() {
        cancelPolls();
        clients.close();
    }

    private BotApiClients clients(ApiMethod method) throws BotApiException {
        try {
            return clients.clients();
        } catch (ClientSetup.SetupException e) {
            throw BotApiException.io(method.failedPrefix() + "io_error=" + describe(e.getCause()));
        }
    }

    /** Runs a call and returns the JSON of a 2xx {@code "ok":true} answer. */
    private JsonNode execute(Call call, ApiMethod method) throws BotApiException {
        int status;
        String body;
        try (Response response = call.execute()) {
            status = response.code();
            ResponseBody responseBody = response.body();
            body = responseBody.string();
        } catch (IOException e) {
            throw BotApiException.io(method.failedPrefix() + "io_error=" + describe(e));
        }
        ObjectNode json = TelegramJson.readObject(body).orElse(null);
        boolean isObject = json != null;
        if (isObject && json.path("ok").isBoolean() && !json.path("ok").booleanValue()) {
            throw BotApiException.http(method.errorPrefix() + description(json), status, retryAfter(json, status));
        }
        if (status < 200 || status > 299) {
            throw BotApiException.http(method.failedPrefix() + "http_status=" + status, status, null);
        }
        if (!isObject) {
            throw BotApiException.payload(method.decodeError(), status);
        }
        if (!json.path("ok").asBoolean(false)) {
            throw BotApiException.payload(method.errorPrefix() + description(json), status);
        }
        return json;
    }

    private static List<JsonNode> updates(JsonNode json) throws BotApiException {
        JsonNode result = json.get("result");
        if (result == null || !result.isArray()) {
            throw BotApiException.payload(GET_UPDATES.decodeError(), 200);
        }
        List<JsonNode> updates = new ArrayList<>(result.size());
        for (JsonNode update : result) {
            JsonNode id = update.get("update_id");
            if (!update.isObject() || id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
                throw BotApiException.payload(GET_UPDATES.decodeError(), 200);
            }
            updates.add(update);
        }
        return updates;
    }

    private String description(JsonNode json) {
        JsonNode description = json.get("description");
        if (description == null || !description.isTextual() || description.textValue().isEmpty()) {
            return UNKNOWN_ERROR;
        }
        return redactor.redact(description.textValue());
    }

    private static Duration retryAfter(JsonNode json, int status) {
        JsonNode seconds = json.path("parameters").path("retry_after");
        if (status != 429 || !seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.longValue() < 0) {
            return null;
        }
        return Duration.ofSeconds(seconds.longValue());
    }

    private String describe(Throwable e) {
        String message = e.getMessage();
        return redactor.redact(e.getClass().getSimpleName() + ": " + (message == null ? "no detail" : message));
    }

    /** Made on the first send, not at start-up: parsing a media type costs ~10 ms (OkHttp compiles its regex). */
    private static final class JsonType {
        static final MediaType MEDIA_TYPE = MediaType.get("application/json");
    }

    /** The error texts of one Bot API method. */
    private record ApiMethod(String errorPrefix, String failedPrefix, String decodeError) {
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TelegramBotApi[%s/bot<redacted>]", settings.apiBase());
    }
}
