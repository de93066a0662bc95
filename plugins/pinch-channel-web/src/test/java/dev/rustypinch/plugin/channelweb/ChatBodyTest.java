package dev.rustypinch.plugin.channelweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatBodyTest {
    private static ChatBody parse(String json) throws ChatBody.BadBody {
        return ChatBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String rejection(String json) {
        return assertThrows(ChatBody.BadBody.class, () -> parse(json), json).getMessage();
    }

    @Test
    void theLastUserMessageIsTheTurnInputAndEarlierOnesAreIgnored() throws Exception {
        ChatBody body = parse("""
                {"model":"x","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"first"},
                 {"role":"assistant","content":"ok"},{"role":"user","content":"  second  "}],"user":"alice","stream":true}""");

        assertEquals(new ChatBody("alice", "second", true), body);
    }

    @Test
    void absentOrNullUserAndStreamMeanDefaultSessionAndPlainAnswer() throws Exception {
        assertEquals(new ChatBody("default", "hi", false), parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertEquals(new ChatBody("default", "hi", false),
                parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":null,\"stream\":null}"));
        assertEquals(new ChatBody("default", "hi", false),
                parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\" \\u00a0\"}"));
    }

    @Test
    void textPartsOfAnArrayContentAreJoinedByNewlinesAndOtherPartsSkipped() throws Exception {
        ChatBody body = parse("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"one"},
                 {"type":"image_url","image_url":{"url":"data:x"}},{"type":7},{"type":"text","text":"two"}]}]}""");

        assertEquals("one\ntwo", body.text());
    }

    @Test
    void unicodeEscapesAndRawMultibyteTextArriveUnchanged() throws Exception {
        ChatBody body = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"gr\\u00fc\\u00dfe \\ud83d\\ude00 \u00e9t\u00e9 \u4f60\u597d\"}],"
                + "\"user\":\"j\u00fcrgen\"}");

        assertEquals("gr\u00fc\u00dfe \ud83d\ude00 \u00e9t\u00e9 \u4f60\u597d", body.text());
        assertEquals("j\u00fcrgen", body.user());
    }

    @Test
    void aMemberGivenTwiceCountsWithItsLastValue() throws Exception {
        ChatBody body = parse("{\"stream\":\"yes\",\"messages\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true}");

        assertEquals(new ChatBody("default", "x", true), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]", "{\"messages\":[{\"role\":\"us",
            "{\"messages\":[1,]}", "{'messages':[]}", "{\"messages\":[]} {}", "{\"messages\":[]}]", "\"text\" 1",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}x"})
    void malformedTruncatedOrTrailingJsonIsNotValidJson(String json) {
        assertTrue(rejection(json).startsWith("request body is not valid JSON: "), json);
    }

    @Test
    void invalidUtf8IsNotValidJson() {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};

        String message = assertThrows(ChatBody.BadBody.class, () -> ChatBody.parse(body)).getMessage();

        assertTrue(message.startsWith("request body is not valid JSON: "), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"hello\"", "42", "null", "true", "   "})
    void aBodyThatIsNotAnObjectIsRejected(String json) {
        assertEquals("request body must be a JSON object", rejection(json));
    }

    @Test
    void wrongTypesAreNamed() {
        String user = "{\"role\":\"user\",\"content\":\"x\"}";
        assertEquals("'messages' must be an array of messages", rejection("{}"));
        assertEquals("'messages' must be an array of messages", rejection("{\"messages\":null}"));
        assertEquals("'messages' must be an array of messages", rejection("{\"messages\":{\"role\":\"user\"}}"));
        assertEquals("every message must be an object with a string 'role'", rejection("{\"messages\":[\"hi\"]}"));
        assertEquals("every message must be an object with a string 'role'", rejection("{\"messages\":[{\"role\":null}]}"));
        assertEquals("every message must be an object with a string 'role'", rejection("{\"messages\":[" + user + ",{\"content\":\"x\"}]}"));
        assertEquals("'messages' has no message with role 'user'", rejection("{\"messages\":[]}"));
        assertEquals("a message 'content' must be a string or an array of content parts",
                rejection("{\"messages\":[{\"role\":\"user\",\"content\":null}]}"));
        assertEquals("a message 'content' must be a string or an array of content parts",
                rejection("{\"messages\":[{\"role\":\"user\",\"content\":1.5e3}]}"));
        assertEquals("a content part must be an object", rejection("{\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]}"));
        assertEquals("a text content part must have a string 'text'",
                rejection("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":false}]}]}"));
        assertEquals("'stream' must be a boolean", rejection("{\"messages\":[" + user + "],\"stream\":0}"));
        assertEquals("'user' must be a string", rejection("{\"messages\":[" + user + "],\"user\":[\"a\"]}"));
    }

    @Test
    void aLastUserMessageWithoutTextIsRejectedEvenWhenAnEarlierOneHasText() {
        assertEquals("the last 'user' message has no text", rejection(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}"));
    }

    @Test
    void aUserNameLongerThan128CharactersIsRejected() throws Exception {
        String longest = "\ud83d\ude00".repeat(ChatBody.MAX_USER_LENGTH);

        assertEquals(longest, parse("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"user\":\"" + longest + "\"}").user());
        assertEquals("'user' must be at most 128 characters",
                rejection("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"user\":\"" + longest + "a\"}"));
    }

    @Test
    void aBodyNearTheSizeLimitWithManyMessagesIsRead() throws Exception {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 1_500; i++) {
            json.append("{\"role\":\"assistant\",\"content\":\"").append("a".repeat(100)).append("\"},");
        }
        String text = "\u00e9".repeat(20_000);
        json.append("{\"role\":\"user\",\"content\":\"").append(text).append("\"}]}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);

        assertTrue(body.length > 200 * 1024 && body.length <= ApiHandler.MAX_BODY_BYTES, "size " + body.length);
        assertEquals(text, ChatBody.parse(body).text());
    }

    @Test
    void deeplyNestedJsonIsRejectedWithoutOverflowingTheStack() {
        String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertTrue(rejection(json).startsWith("request body is not valid JSON: "));
    }

    @Test
    void aNumberLongerThanTheParsersLimitIsNotValidJson() {
        String digits = "9".repeat(100_000);

        String message = rejection("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":" + digits + "}");

        assertTrue(message.startsWith("request body is not valid JSON: "), message);
    }
}
