package dev.rustypinch.runtime.inbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.InboundMessage;
import dev.rustypinch.runtime.json.JsonText;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the inbox journal: a compact JSON object with alphabetical keys and a {@code type}.
 * <ul>
 *   <li>{@code message}: {@code {"channel":…,"chat_id":…,"message_id":…|null,"sender_id":…,"seq":N,"text":…,"type":"message"}}</li>
 *   <li>{@code finished}, {@code replayed}, {@code failed}: {@code {"seq":N,"type":…}}</li>
 *   <li>{@code seen}: {@code {"message_id":…,"type":"seen"}}, a finished message id kept by a compaction</li>
 * </ul>
 */
sealed interface JournalRecord {
    /** A message received and not yet finished. */
    record Accepted(long sequence, InboundMessage message) implements JournalRecord {
        public Accepted {
            requireNonNull(message, "message is null");
        }
    }

    /** The message's turn was recorded and its reply handled, or the bus dropped it. */
    record Finished(long sequence) implements JournalRecord {
    }

    /** A later run started the message's turn again from the journal. */
    record Replayed(long sequence) implements JournalRecord {
    }

    /** The message was replayed too often without finishing and is skipped for good. */
    record Failed(long sequence) implements JournalRecord {
    }

    /** The id of a finished message, remembered to recognise resends. */
    record Seen(String messageId) implements JournalRecord {
        public Seen {
            requireNonNull(messageId, "messageId is null");
        }
    }

    /** The record's line, ending in {@code \n}. */
    static String encode(JournalRecord record) {
        Map<String, Object> fields = new TreeMap<>();
        if (record instanceof Accepted accepted) {
            InboundMessage message = accepted.message();
            fields.put("channel", message.channel());
            fields.put("chat_id", message.chatId());
            fields.put("message_id", message.messageId().orElse(null));
            fields.put("sender_id", message.senderId());
            fields.put("seq", accepted.sequence());
            fields.put("text", message.text());
            fields.put("type", "message");
        } else if (record instanceof Finished finished) {
            sequenced(fields, finished.sequence(), "finished");
        } else if (record instanceof Replayed replayed) {
            sequenced(fields, replayed.sequence(), "replayed");
        } else if (record instanceof Failed failed) {
            sequenced(fields, failed.sequence(), "failed");
        } else if (record instanceof Seen seen) {
            fields.put("message_id", seen.messageId());
            fields.put("type", "seen");
        }
        return JsonText.compact(fields) + "\n";
    }

    private static void sequenced(Map<String, Object> fields, long sequence, String type) {
        fields.put("seq", sequence);
        fields.put("type", type);
    }

    /** The record of one line; empty for a line that is torn, corrupt or of an unknown type. */
    static Optional<JournalRecord> decode(String line) {
        JsonNode json;
        try {
            json = JsonText.parse(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        String type = json.path("type").asText("");
        JsonNode sequence = json.get("seq");
        boolean hasSequence = sequence != null && sequence.canConvertToLong() && sequence.isIntegralNumber()
                && sequence.longValue() >= 0;
        return switch (type) {
            case "message" -> hasSequence ? accepted(json, sequence.longValue()) : Optional.empty();
            case "finished" -> hasSequence ? Optional.of(new Finished(sequence.longValue())) : Optional.empty();
            case "replayed" -> hasSequence ? Optional.of(new Replayed(sequence.longValue())) : Optional.empty();
            case "failed" -> hasSequence ? Optional.of(new Failed(sequence.longValue())) : Optional.empty();
            case "seen" -> text(json, "message_id").map(Seen::new);
            default -> Optional.empty();
        };
    }

    private static Optional<JournalRecord> accepted(JsonNode json, long sequence) {
        Optional<String> channel = text(json, "channel");
        Optional<String> chatId = text(json, "chat_id");
        Optional<String> senderId = text(json, "sender_id");
        Optional<String> text = text(json, "text");
        JsonNode messageId = json.get("message_id");
        boolean messageIdValid = messageId == null || messageId.isNull() || messageId.isTextual();
        if (channel.isEmpty() || chatId.isEmpty() || senderId.isEmpty() || text.isEmpty() || !messageIdValid) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Accepted(sequence, new InboundMessage(channel.get(), senderId.get(), chatId.get(),
                    text.get(), text(json, "message_id"))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
