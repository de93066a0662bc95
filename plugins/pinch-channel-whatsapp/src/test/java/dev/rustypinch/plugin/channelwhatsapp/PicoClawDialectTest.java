package dev.rustypinch.plugin.channelwhatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rustypinch.api.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PicoClawDialectTest {
    private final PicoClawDialect dialect = new PicoClawDialect();

    @Test
    void messageContentIsTrimmed() {
        BridgeFrame frame = dialect.parse("{\"type\":\"message\",\"from\":\"user-1\",\"chat\":\"room-9\",\"content\":\"  ping  \"}");

        assertEquals(new BridgeFrame.Message("user-1", "room-9", "ping", Optional.empty(), List.of("user-1", "room-9")), frame);
    }

    @Test
    void statusFrameYieldsNothing() {
        assertEquals(new BridgeFrame.Ignored(), dialect.parse("{\"type\":\"status\",\"content\":\"connected\"}"));
    }

    @Test
    void chatDefaultsToFrom() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"from\":\" user-1 \",\"content\":\"hi\"}"));

        assertEquals("user-1", message.senderId());
        assertEquals("user-1", message.chatId());
    }

    @Test
    void blankChatDefaultsToFrom() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"from\":\"user-1\",\"chat\":\" \",\"content\":\"hi\"}"));

        assertEquals("user-1", message.chatId());
    }

    @Test
    void idIsKeptForDuplicateDetection() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"id\":\"m-7\",\"from\":\"u\",\"content\":\"hi\"}"));

        assertEquals(Optional.of("m-7"), message.id());
    }

    @Test
    void unicodeWhitespaceIsTrimmedFromContent() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"from\":\"u\",\"content\":\"\\u00a0\\u3000hi there\\u2029\"}"));

        assertEquals("hi there", message.content());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"from\":\"u\"}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":null}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"\"}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\" \\n\\t\\u00a0 \"}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"\\u001c\"}"
    })
    void emptyContentIsIgnoredSilently(String frame) {
        assertEquals(new BridgeFrame.Ignored(), dialect.parse(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":null,\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":\"\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":\"  \",\"chat\":\"room\",\"content\":\"hi\"}"
    })
    void missingFromIsAParseError(String frame) {
        assertEquals(new BridgeFrame.Invalid("whatsapp bridge message is missing 'from'"), dialect.parse(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "",
        "{\"type\":\"message\"",
        "[{\"type\":\"message\"}]",
        "\"message\"",
        "42",
        "null",
        "{}",
        "{\"type\":null}",
        "{\"type\":7,\"from\":\"u\",\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":12,\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":\"u\",\"chat\":{},\"content\":\"hi\"}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":[\"hi\"]}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\",\"id\":5}",
        "{\"type\":\"status\",\"content\":true}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\"} trailing"
    })
    void framesThatAreNotObjectsWithAStringTypeAndStringFieldsCannotBeDecoded(String frame) {
        assertEquals(new BridgeFrame.Invalid("failed to decode whatsapp bridge payload"), dialect.parse(frame));
    }

    @Test
    void escapedSurrogatePairsInContentAreDecoded() {
        BridgeFrame.Message message = assertInstanceOf(BridgeFrame.Message.class,
                dialect.parse("{\"type\":\"message\",\"from\":\"u\",\"content\":\" \\ud83d\\ude00 ok \"}"));

        assertEquals("\ud83d\ude00 ok", message.content());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\",\"media\":{\"k\":1,\"k\":2}}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\",\"media\":[1,}",
        "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\",\"from\":\"v\"}"
    })
    void aBrokenOrDuplicatedIgnoredMemberStillMakesTheFrameUndecodable(String frame) {
        assertEquals(new BridgeFrame.Invalid("failed to decode whatsapp bridge payload"), dialect.parse(frame));
    }

    @Test
    void knownMembersNestedInAnotherMemberAreNotRead() {
        assertEquals(new BridgeFrame.Invalid("whatsapp bridge message is missing 'from'"),
                dialect.parse("{\"type\":\"message\",\"content\":\"hi\",\"meta\":{\"from\":\"u\"}}"));
    }

    @Test
    void otherFieldsAreIgnored() {
        BridgeFrame frame = dialect.parse(
                "{\"type\":\"message\",\"from\":\"u\",\"content\":\"hi\",\"from_name\":5,\"media\":[1,2]}");

        assertInstanceOf(BridgeFrame.Message.class, frame);
    }

    @Test
    void replyFrameIsCompactAndAlphabetical() {
        assertEquals("{\"content\":\"pong\",\"to\":\"room-9\",\"type\":\"message\"}",
                BridgeJson.write(dialect.replyFrame("room-9", "pong")));
    }

    @Test
    void replyTextIsSentAsGiven() {
        assertEquals("{\"content\":\"  line one\\nline two  \",\"to\":\"u\",\"type\":\"message\"}",
                BridgeJson.write(dialect.replyFrame("u", "  line one\nline two  ")));
    }

    @Test
    void picoClawSendsNoAuthFrame() {
        assertEquals(Optional.empty(), dialect.authFrame(Optional.of(Secret.of("token"))));
    }
}
