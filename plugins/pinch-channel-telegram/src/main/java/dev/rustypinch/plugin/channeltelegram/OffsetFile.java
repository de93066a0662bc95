package dev.rustypinch.plugin.channeltelegram;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustypinch.api.PrivateFiles;
import dev.rustypinch.api.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persisted committed offset, {@code <data dir>/channels/telegram/offset.json} (SPEC §12.4):
 * {@code {"bot_id":"123456","offset":987654322,"updated_at":"<timestamp>"}} + {@code \n}, replaced
 * atomically on each write. When updates above the offset are finished already, their ids are stored with it
 * (SPEC §22), in the same replace: {@code {"bot_id":"123456","finished":[987654324],"offset":987654322,…}}.
 */
final class OffsetFile {
    private final Path file;
    private final String botId;
    private final Clock clock;
    private final TelegramEvents events;

    OffsetFile(Path dataDirectory, String botId, Clock clock, TelegramEvents events) {
        this.file = requireNonNull(dataDirectory, "dataDirectory is null")
                .resolve("channels").resolve(TelegramEvents.CHANNEL).resolve("offset.json");
        this.botId = requireNonNull(botId, "botId is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * The stored offset of this bot: offset 0 when the file is missing or belongs to another bot, and 0
     * with a {@code channel_state_error} when it cannot be read or is corrupt.
     */
    StoredOffset load() {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return StoredOffset.none();
        } catch (IOException e) {
            events.stateError("failed to read telegram offset file " + file + ": " + describe(e)
                    + "; starting from offset 0");
            return StoredOffset.none();
        }
        ObjectNode json = TelegramJson.readObject(content).orElse(null);
        JsonNode storedBot = json == null ? null : json.get("bot_id");
        JsonNode offset = json == null ? null : json.get("offset");
        Optional<List<Long>> finished = json == null ? Optional.empty() : finished(json.get("finished"));
        if (storedBot == null || !storedBot.isTextual() || offset == null || !offset.isIntegralNumber()
                || !offset.canConvertToLong() || offset.longValue() < 0 || finished.isEmpty()) {
            events.stateError("telegram offset file " + file
                    + " is corrupt (expected {\"bot_id\":…,\"offset\":…}); starting from offset 0");
            return StoredOffset.none();
        }
        if (!storedBot.textValue().equals(botId)) {
            return StoredOffset.none();
        }
        List<Long> above = finished.get().stream().filter(id -> id >= offset.longValue()).sorted().distinct().toList();
        return new StoredOffset(offset.longValue(), above);
    }

    /** The finished ids: none when the key is absent, empty when it is not an array of integers. */
    private static Optional<List<Long>> finished(JsonNode finished) {
        if (finished == null) {
            return Optional.of(List.of());
        }
        if (!finished.isArray()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : finished) {
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                return Optional.empty();
            }
            ids.add(id.longValue());
        }
        return Optional.of(ids);
    }

    /**
     * Replaces the file (temp file + atomic rename), creating its directory first if needed.
     * Failures are reported as {@code channel_state_error}.
     *
     * @return whether the offset is on disk
     */
    boolean store(StoredOffset stored) {
        long offset = stored.offset();
        String json = TelegramJson.offsetFile(botId, stored.finished(), offset, Timestamps.format(clock.instant()));
        Path temp = null;
        try {
            PrivateFiles.createDirectories(file.getParent());
            temp = PrivateFiles.createTempFile(file.getParent(), "offset.json.", ".tmp");
            Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            events.stateError("failed to write telegram offset file " + file + ": " + describe(e)
                    + "; keeping offset " + offset + " in memory");
            deleteQuietly(temp);
            return false;
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write failure was reported already; a stray temp file is harmless.
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "no detail" : e.getMessage());
    }
}
