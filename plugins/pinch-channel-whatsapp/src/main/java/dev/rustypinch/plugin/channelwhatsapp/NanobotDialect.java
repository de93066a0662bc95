package dev.rustypinch.plugin.channelwhatsapp;

import dev.rustypinch.api.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nanobot bridge protocol (SPEC §13.4): inbound {@code message} frames with {@code sender},
 * {@code pn}, {@code content} and {@code id}, {@code status}, {@code qr} and {@code error} frames;
 * outbound {@code {"text":…,"to":…,"type":"send"}}; with a token, an {@code auth} frame first.
 */
final class NanobotDialect implements BridgeDialect {
    static final String NAME = "nanobot";
    static final String MISSING_SENDER = "whatsapp bridge message is missing 'sender'";
    static final String QR_STATUS = "qr";

    private static final List<String> MEMBERS = List.of("sender", "pn", "content", "id", "status", "error");

    @Override
    public BridgeFrame parse(String text) {
        Optional<FrameFields> decoded = BridgeJson.readObject(text).flatMap(frame -> FrameFields.decode(frame, MEMBERS));
        if (decoded.isEmpty()) {
            return new BridgeFrame.Invalid(DECODE_ERROR);
        }
        FrameFields fields = decoded.get();
        return switch (fields.type()) {
            case "message" -> message(fields);
            case "status" -> new BridgeFrame.Status(fields.raw("status").filter(status -> !status.isEmpty()));
            case "qr" -> new BridgeFrame.Status(Optional.of(QR_STATUS));
            case "error" -> new BridgeFrame.DeliveryFailure(fields.raw("error").filter(error -> !error.isEmpty()));
            default -> new BridgeFrame.Ignored();
        };
    }

    private static BridgeFrame message(FrameFields fields) {
        Optional<String> sender = fields.trimmed("sender");
        if (sender.isEmpty()) {
            return new BridgeFrame.Invalid(MISSING_SENDER);
        }
        Optional<String> content = fields.content();
        if (content.isEmpty()) {
            return new BridgeFrame.Ignored();
        }
        Optional<String> phoneNumber = fields.trimmed("pn");
        String senderId = phoneNumber.orElse(sender.get());
        Optional<String> id = fields.raw("id").filter(value -> !value.isEmpty());
        return new BridgeFrame.Message(senderId, sender.get(), content.get(), id, identities(sender.get(), phoneNumber));
    }

    /** The sender, the phone number, and each one's part before {@code @}. */
    private static List<String> identities(String sender, Optional<String> phoneNumber) {
        List<String> identities = new ArrayList<>(4);
        identities.add(sender);
        identities.add(localPart(sender));
        phoneNumber.ifPresent(pn -> {
            identities.add(pn);
            identities.add(localPart(pn));
        });
        return identities;
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    @Override
    public Map<String, String> replyFrame(String chatId, String text) {
        return Map.of("type", "send", "to", chatId, "text", text);
    }

    @Override
    public Optional<Map<String, String>> authFrame(Optional<Secret> token) {
        return token.map(secret -> Map.of("type", "auth", "token", secret.reveal()));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
