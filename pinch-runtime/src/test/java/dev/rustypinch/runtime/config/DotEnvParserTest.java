package dev.rustypinch.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvParserTest {
    private static Map<String, String> parse(String content) throws DotEnvException {
        return DotEnvParser.parse(content, name -> null);
    }

    private static Map<String, String> parse(Map<String, String> process, String content) throws DotEnvException {
        return DotEnvParser.parse(content, process::get);
    }

    private static DotEnvException failure(String content) {
        return assertThrows(DotEnvException.class, () -> parse(content));
    }

    @Test
    void simpleAssignment() throws DotEnvException {
        assertEquals(Map.of("KEY", "value"), parse("KEY=value\n"));
    }

    @Test
    void keysKeepFileOrder() throws DotEnvException {
        assertEquals(List.of("B", "A", "C"), List.copyOf(parse("B=1\nA=2\nC=3\n").keySet()));
    }

    @Test
    void leadingByteOrderMarkIsSkipped() throws DotEnvException {
        assertEquals(Map.of("KEY", "v"), parse("\uFEFFKEY=v\n"));
    }

    @Test
    void crlfLineEndingsAreAccepted() throws DotEnvException {
        assertEquals(Map.of("A", "1", "B", "two"), parse("A=1\r\nB=\"two\"\r\n"));
    }

    @Test
    void trailingWhitespaceOfEachLineIsIgnored() throws DotEnvException {
        assertEquals(Map.of("A", "1", "B", "2", "C", "3"), parse("A=1   \nB='2'\t \nC=3 \u00A0"));
    }

    @Test
    void blankAndCommentLinesAreIgnored() throws DotEnvException {
        assertEquals(Map.of("A", "1"), parse("\n   \n# comment=1\n   # indented KEY=x\nA=1\n#\n"));
    }

    @Test
    void exportPrefixIsAccepted() throws DotEnvException {
        assertEquals(Map.of("SHELL_LOVER", "1"), parse("export   SHELL_LOVER=1\n"));
    }

    @Test
    void exportAloneBeforeEqualsIsAKey() throws DotEnvException {
        assertEquals(Map.of("export", "x", "B", "y"), parse("export=x\nexport B=y\n"));
    }

    @Test
    void exportWithoutAKeyIsAnError() {
        assertEquals(1, failure("export\n").line());
    }

    @Test
    void keysMayContainDigitsUnderscoresAndDots() throws DotEnvException {
        assertEquals(Map.of("_a.B_1", "v"), parse("_a.B_1=v\n"));
    }

    @Test
    void keyStartingWithDigitIsAnError() {
        DotEnvException error = failure("A=1\n1KEY=x\n");
        assertEquals(2, error.line());
        assertTrue(error.getMessage().startsWith("line 2: "), error.getMessage());
    }

    @Test
    void lineWithoutEqualsIsAnErrorNamingItsLine() {
        DotEnvException error = failure("A=1\n# note\n  invalid    \n");
        assertEquals(3, error.line());
        assertTrue(error.getMessage().contains("expected '='"), error.getMessage());
    }

    @Test
    void lineStartingWithEqualsIsAnError() {
        assertEquals(1, failure("=value\n").line());
    }

    @Test
    void wordsBeforeEqualsAreAnError() {
        assertEquals(1, failure("very bacon = yes indeed\n").line());
    }

    @Test
    void spacesAroundEqualsAreAllowed() throws DotEnvException {
        assertEquals(Map.of("KEY10", "whitespace before =", "KEY11", "whitespace after ="),
                parse("KEY10  =\"whitespace before =\"\nKEY11=    \"whitespace after =\"\n"));
    }

    @Test
    void emptyValuesGiveEmptyString() throws DotEnvException {
        assertEquals(Map.of("KEY7", "", "KEY8", "", "KEY9", ""), parse("KEY7=\nKEY8=     \nKEY9=   # note\n"));
    }

    @Test
    void unquotedValueEndsAtSpaceBeforeComment() throws DotEnvException {
        assertEquals(Map.of("KEY", "v", "TAB", "w"), parse("KEY=v   # comment\nTAB=w\t#c\n"));
    }

    @Test
    void unquotedValueWithSpaceInsideIsAnError() {
        DotEnvException error = failure("OK=1\nKEY=a b\n");
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("KEY"), error.getMessage());
    }

    @Test
    void hashWithoutSpaceIsPartOfTheValue() throws DotEnvException {
        assertEquals(Map.of("KEY", "v#x"), parse("KEY=v#x\n"));
    }

    @Test
    void valueStartingWithHashIsEmpty() throws DotEnvException {
        assertEquals(Map.of("KEY", ""), parse("KEY=#x\n"));
    }

    @Test
    void backslashEscapesInUnquotedValue() throws DotEnvException {
        assertEquals(Map.of("KEY", "my cool value", "KEY2", "$sweet"), parse("KEY=my\\ cool\\ value\nKEY2=\\$sweet\n"));
    }

    @Test
    void unsupportedEscapeInUnquotedValueIsAnError() {
        assertEquals(1, failure("KEY4=h\\8u\n").line());
    }

    @Test
    void singleQuotesAreLiteral() throws DotEnvException {
        assertEquals(Map.of("KEY", "fo ur $HOME \\n ${X}"), parse("KEY='fo ur $HOME \\n ${X}'\n"));
    }

    @Test
    void doubleQuotesAllowTheSixEscapes() throws DotEnvException {
        assertEquals(Map.of("KEY", "\\ ' \" $   \n"), parse("KEY=\"\\\\ \\' \\\" \\$ \\  \\n\"\n"));
    }

    @Test
    void anyOtherEscapeInDoubleQuotesIsAnError() {
        DotEnvException error = failure("A=1\nKEY=\"tab\\there\"\n");
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("unsupported escape"), error.getMessage());
    }

    @Test
    void quotedPiecesJoin() throws DotEnvException {
        assertEquals(Map.of("KEY", "a'b"), parse("KEY='a'\\''b'\n"));
    }

    @Test
    void dotenvyEscapeExamples() throws DotEnvException {
        Map<String, String> values = parse("""
                KEY3="awesome stuff \\"mang\\""
                KEY4='sweet $\\fgs'\\''fds'
                KEY5="'\\"yay\\\\"\\ "stuff"
                KEY6="lol" #well you see when I say lol wh
                KEY7="line 1\\nline 2"
                """);
        assertEquals("awesome stuff \"mang\"", values.get("KEY3"));
        assertEquals("sweet $\\fgs'fds", values.get("KEY4"));
        assertEquals("'\"yay\\ stuff", values.get("KEY5"));
        assertEquals("lol", values.get("KEY6"));
        assertEquals("line 1\nline 2", values.get("KEY7"));
    }

    @Test
    void textAfterClosingQuoteAndSpaceIsAnError() {
        assertEquals(1, failure("KEY=\"a\" b\n").line());
    }

    @Test
    void doubleQuotedValueMaySpanLines() throws DotEnvException {
        assertEquals(Map.of("KEY", "line one\nline two", "NEXT", "x"), parse("KEY=\"line one\nline two\"\nNEXT=x\n"));
    }

    @Test
    void singleQuotedValueMaySpanLines() throws DotEnvException {
        assertEquals(Map.of("KEY", "a\n# not a comment\nb"), parse("KEY='a\n# not a comment\nb'\n"));
    }

    @Test
    void linesAfterAMultiLineValueKeepTheirNumbers() {
        assertEquals(4, failure("KEY=\"one\ntwo\"\nOK=1\nbroken\n").line());
    }

    @Test
    void unterminatedDoubleQuoteIsAnErrorAtItsLine() {
        DotEnvException error = failure("A=1\nKEY2=\"why\nB=2\n");
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("unterminated double quote"), error.getMessage());
    }

    @Test
    void unterminatedSingleQuoteIsAnError() {
        DotEnvException error = failure("KEY3='please stop''\n");
        assertEquals(1, error.line());
        assertTrue(error.getMessage().contains("unterminated single quote"), error.getMessage());
    }

    @Test
    void dollarNameSubstitutesLettersAndDigitsOnly() throws DotEnvException {
        assertEquals("value_U", parse(Map.of("KEY", "value"), "A=$KEY_U\n").get("A"));
    }

    @Test
    void bracedSubstitution() throws DotEnvException {
        assertEquals("value1", parse(Map.of("KEY", "value"), "A=${KEY}1\n").get("A"));
    }

    @Test
    void escapedDollarIsLiteral() throws DotEnvException {
        assertEquals("$KEY", parse(Map.of("KEY", "value"), "A=\\$KEY\n").get("A"));
    }

    @Test
    void substitutionInsideDoubleQuotes() throws DotEnvException {
        Map<String, String> values = parse(Map.of("KEY", "v"), "A=\"${KEY}\"\nB=\"$KEY\"\nC=\">\\$KEY<\"\n");
        assertEquals(Map.of("A", "v", "B", "v", "C", ">$KEY<"), values);
    }

    @Test
    void noSubstitutionInsideSingleQuotes() throws DotEnvException {
        assertEquals(">${KEY1}<>$KEY2<", parse(Map.of("KEY1", "x"), "KEY='>${KEY1}<>$KEY2<'\n").get("KEY"));
    }

    @Test
    void substitutionUsesEarlierFileValues() throws DotEnvException {
        assertEquals("VALUEVALUE", parse("KEY=VALUE\nKEY1=$KEY$KEY\n").get("KEY1"));
    }

    @Test
    void processEnvironmentBeatsFileValueInSubstitution() throws DotEnvException {
        Map<String, String> values = parse(Map.of("KEY11", "from_env"), "KEY11=from_file\nKEY=\">${KEY11}<\"\n");
        assertEquals("from_file", values.get("KEY11"));
        assertEquals(">from_env<", values.get("KEY"));
    }

    @Test
    void unknownNamesSubstituteEmpty() throws DotEnvException {
        assertEquals("><><", parse("KEY=\">$KEY1<>${KEY2}<\"\n").get("KEY"));
    }

    @Test
    void laterValuesAreNotVisibleToEarlierLines() throws DotEnvException {
        Map<String, String> values = parse("KEY=${KEY1}+KEY_VALUE\nKEY1=${KEY}+KEY1_VALUE\n");
        assertEquals("+KEY_VALUE", values.get("KEY"));
        assertEquals("+KEY_VALUE+KEY1_VALUE", values.get("KEY1"));
    }

    @Test
    void nameEndsAtFirstNonAlphanumeric() throws DotEnvException {
        Map<String, String> values = parse("KEY1=test_user\nKEY=\">$KEY1_1<>$KEY1}<>$KEY1{<\"\n");
        assertEquals(">test_user_1<>test_user}<>test_user{<", values.get("KEY"));
    }

    @Test
    void unclosedBraceIsAnError() {
        DotEnvException error = failure("KEY=VALUE\nKEY1=>${KEY{<\n");
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("unclosed '${'"), error.getMessage());
    }

    @Test
    void firstOccurrenceWins() throws DotEnvException {
        assertEquals(Map.of("A", "1"), parse("A=1\nA=2\n"));
    }

    @Test
    void substitutionSeesTheFirstOccurrence() throws DotEnvException {
        assertEquals("1", parse("A=1\nA=2\nB=$A\n").get("B"));
    }

    @Test
    void errorsNeverEchoTheValue() {
        DotEnvException error = failure("RUSTY_PINCH_API_KEY=sk-secret-123 oops\n");
        assertFalse(error.getMessage().contains("sk-secret"), error.getMessage());
        assertTrue(error.getMessage().contains("RUSTY_PINCH_API_KEY"), error.getMessage());
    }

    @Test
    void pastedSecretWithoutKeyIsNotEchoed() {
        DotEnvException error = failure("sk_live_abcdef\n");
        assertFalse(error.getMessage().contains("sk_live"), error.getMessage());
    }

    @Test
    void dotenvyBasicExamples() throws DotEnvException {
        Map<String, String> values = parse("""
                KEY=1
                KEY2="2"
                KEY3='3'
                KEY4='fo ur'
                KEY5="fi ve"
                KEY6=s\\ ix
                """);
        assertEquals(Map.of("KEY", "1", "KEY2", "2", "KEY3", "3", "KEY4", "fo ur", "KEY5", "fi ve", "KEY6", "s ix"),
                values);
    }

    @Test
    void spaceAfterASubstitutionEndsTheValueLikeAnyOther() {
        assertEquals(1, failure("KEY=$HOME b\n").line());
    }

    @Test
    void quoteInsideATrailingCommentDoesNotOpenAValue() throws DotEnvException {
        assertEquals(Map.of("KEY", "v", "NEXT", "n"), parse("KEY=\"v\"  # it's fine\nNEXT=n\n"));
    }

    @Test
    void backslashBeforeClosingSingleQuoteIsLiteral() throws DotEnvException {
        assertEquals(Map.of("DIR", "C:\\dir\\", "NEXT", "n"), parse("DIR='C:\\dir\\'\nNEXT=n\n"));
    }

    @Test
    void dollarWithoutNameSubstitutesEmpty() throws DotEnvException {
        assertEquals(Map.of("A", "a-x", "B", "b"), parse("A=a$-x\nB=\"b$\"\n"));
    }
}
