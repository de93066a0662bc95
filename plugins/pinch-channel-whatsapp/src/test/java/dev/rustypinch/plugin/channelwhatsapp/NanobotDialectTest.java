package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rustypinch.api.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NanobotDialectTest {
    private final NanobotDialect dialect = new NanobotDialect();

    @Test
    void senderIsTheChatAndPhoneNumberTheSender() {
        BridgeFrame frame = dialect.parse("{\"type\":\"message\",\"id\":\"n1\",\"sender\":\" 123@lid \","
                + "\"pn\":\"4915@s.whatsapp.net\",\"content\":\" hi \",\"timestamp\":1700000000,\"isGroup\":false}");

        assertEquals(new BridgeFrame.Message("4915@s.whatsapp.net", "123@lid", "hi", Optional.of("n1"),
                List.of("123@lid", "123", "4915@s.whatsapp.net", "4915")), frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"sender\":\"123@lid\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"sender\":\"123@lid\",\"pn\":\"\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"sender\":\"123@lid\",\"pn\":\" \",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"sender\":\"123@lid\",\"pn\":null,\"content\":\"hi\"}"
    })
    void withoutPhoneNumberTheSenderIdIsTheSender(String frame) {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class, dialect.parse(frame));

        assertEquals("123@lid", message.senderId());
        assertEquals("123@lid", message.chatId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"sender\":\" \",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\"}"
    })
    void missingSenderIsAParseError(String frame) {
        assertEquals(new BridgeFrame.Invalid("whatsapp bridge message is missing 'sender'"), dialect.parse(frame));
    }

    @Test
    void emptyContentIsIgnoredSilently() {
        assertEquals(new BridgeFrame.Ignored(), dialect.parse("{\"type\":\"message\",\"sender\":\"s\",\"content\":\"  \"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "junk",
        "[]",
        "{\"sender\":\"s\"}",
        "{\"type\":1}",
        "{\"type\":\"message\",\"sender\":5,\"content\":\"hi\"}",
        "{\"type\":\"message\",\"sender\":\"s\",\"pn\":5,\"content\":\"hi\"}",
        "{\"type\":\"status\",\"status\":{\"state\":\"open\"}}",
        "{\"type\":\"error\",\"error\":404}"
    })
    void undecodableFramesAreParseErrors(String frame) {
        assertEquals(new BridgeFrame.Invalid("failed to decode whatsapp bridge payload"), dialect.parse(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"status\",\"status\":true}",
        "{\"type\":\"message\",\"sender\":\"s\",\"content\":\"hi\",\"id\":[\"n1\"]}",
        "{\"type\":\"message\",\"sender\":\"s\",\"content\":\"hi\"",
        "{\"type\":\"message\",\"sender\":\"s\",\"content\":\"hi\"}{}"
    })
    void wrongTypesAndBrokenJsonAreParseErrors(String frame) {
        assertEquals(new BridgeFrame.Invalid("failed to decode whatsapp bridge payload"), dialect.parse(frame));
    }

    @Test
    void nullStatusIsAStatusWithoutValue() {
        assertEquals(new BridgeFrame.Status(Optional.empty()), dialect.parse("{\"type\":\"status\",\"status\":null}"));
    }

    @Test
    void nullIdIsNoId() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"sender\":\"s\",\"content\":\"hi\",\"id\":null}"));

        assertEquals(Optional.empty(), message.id());
    }

    @Test
    void statusFrameCarriesItsStatus() {
        assertEquals(new BridgeFrame.Status(Optional.of("connected")),
                dialect.parse("{\"type\":\"status\",\"status\":\"connected\"}"));
    }

    @Test
    void qrFrameIsTheStatusQrWithoutItsData() {
        assertEquals(new BridgeFrame.Status(Optional.of("qr")),
                dialect.parse("{\"type\":\"qr\",\"qr\":\"2@SECRET-QR-DATA\"}"));
    }

    @Test
    void errorFrameIsADeliveryFailure() {
        assertEquals(new BridgeFrame.DeliveryFailure(Optional.of("Not connected")),
                dialect.parse("{\"type\":\"error\",\"error\":\"Not connected\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"sent\",\"to\":\"123@lid\"}", "{\"type\":\"presence\"}"})
    void sentAndUnknownFramesAreIgnored(String frame) {
        assertEquals(new BridgeFrame.Ignored(), dialect.parse(frame));
    }

    @Test
    void replyFrameIsASendFrame() {
        assertEquals("{\"text\":\"pong\",\"to\":\"123@lid\",\"type\":\"send\"}",
                BridgeJson.write(dialect.replyFrame("123@lid", "pong")));
    }

    @Test
    void authFrameCarriesTheToken() {
        assertEquals("{\"token\":\"t0k\",\"type\":\"auth\"}",
                BridgeJson.write(dialect.authFrame(Optional.of(Secret.of("t0k"))).orElseThrow()));
    }

    @Test
    void noTokenNoAuthFrame() {
        assertEquals(Optional.empty(), dialect.authFrame(Optional.empty()));
    }
}
