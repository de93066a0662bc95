package dev.rustypinch.runtime.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginDescriptorTest {
    @Test
    void validDescriptorIsRead() {
        PluginDescriptor.Parse parse = parse("name=pinch-tools-builtin\nversion=1.0.0\napi.version=1.0\n");

        assertEquals(Optional.of(new PluginDescriptor("pinch-tools-builtin", "1.0.0", new ApiVersion(1, 0))),
                parse.descriptor());
        assertEquals(List.of(), parse.problems());
    }

    @Test
    void keysAndValuesAreTrimmedAndColonSeparatesToo() {
        PluginDescriptor.Parse parse = parse("  name = echo \r\nversion:  2.0.0-rc1\r\napi.version =1.0");

        assertEquals(Optional.of(new PluginDescriptor("echo", "2.0.0-rc1", new ApiVersion(1, 0))), parse.descriptor());
    }

    @Test
    void loneCarriageReturnsEndLinesAndLineNumbersCountEachEnding() {
        PluginDescriptor.Parse parse = parse("name=echo\rversion=1\r\n\napi.version=1.0\r");

        assertEquals(Optional.of(new PluginDescriptor("echo", "1", new ApiVersion(1, 0))), parse.descriptor());
        // CR LF is one ending, CR and LF are one each: the stray line is line 4.
        assertProblems("name=echo\r\nversion=1\r\rstray\napi.version=1.0\n",
                "line 4 is not key=value in META-INF/pinch/plugin.properties");
    }

    @Test
    void commentsBlankLinesAndUnknownKeysAreIgnored() {
        PluginDescriptor.Parse parse = parse("# a plugin\n! old style comment\n\nname=echo\nauthor=me\nauthor=you\n"
                + "version=1\napi.version=1.0\n");

        assertEquals(List.of(), parse.problems());
        assertEquals("echo", parse.descriptor().orElseThrow().name());
    }

    @Test
    void missingKeyIsNamed() {
        assertProblems("name=echo\napi.version=1.0\n", "missing key 'version' in META-INF/pinch/plugin.properties");
    }

    @Test
    void everyMissingKeyIsNamed() {
        assertProblems("# nothing\n", "missing key 'name' in META-INF/pinch/plugin.properties",
                "missing key 'version' in META-INF/pinch/plugin.properties",
                "missing key 'api.version' in META-INF/pinch/plugin.properties");
    }

    @Test
    void repeatedKeyIsAProblemEvenWithTheSameValue() {
        assertProblems("name=echo\nversion=1.0.0\nversion=1.0.0\napi.version=1.0\n",
                "duplicate key 'version' in META-INF/pinch/plugin.properties");
    }

    @Test
    void repeatedNameLeavesThePluginWithoutAName() {
        PluginDescriptor.Parse parse = parse("name=echo\nname=other\nversion=1\napi.version=1.0\n");

        assertEquals(Optional.empty(), parse.name());
    }

    @Test
    void nameIsKnownWhenOtherKeysAreWrong() {
        PluginDescriptor.Parse parse = parse("name=echo\napi.version=3\n");

        assertEquals(Optional.of("echo"), parse.name());
        assertEquals(Optional.empty(), parse.descriptor());
    }

    @Test
    void nameWithUppercaseIsInvalid() {
        assertProblems("name=Echo\nversion=1\napi.version=1.0\n", "invalid name 'Echo' in META-INF/pinch/plugin.properties:"
                + " must be 1-64 characters from a-z, 0-9, _ and -, starting with a letter or digit");
    }

    @Test
    void nameStartingWithADashIsInvalid() {
        assertEquals(1, parse("name=-echo\nversion=1\napi.version=1.0\n").problems().size());
    }

    @Test
    void nameOf64CharactersIsValidAnd65IsNot() {
        String longest = "a".repeat(64);

        assertTrue(parse("name=" + longest + "\nversion=1\napi.version=1.0\n").descriptor().isPresent());
        assertEquals(1, parse("name=" + longest + "a\nversion=1\napi.version=1.0\n").problems().size());
    }

    @Test
    void emptyVersionIsInvalid() {
        assertProblems("name=echo\nversion=\napi.version=1.0\n",
                "invalid version '' in META-INF/pinch/plugin.properties: must not be empty");
    }

    @Test
    void apiVersionMustBeMajorDotMinor() {
        for (String bad : List.of("1", "1.0.0", "v1.0", "01.0", "1.", "one.zero", "-1.0")) {
            assertProblems("name=echo\nversion=1\napi.version=" + bad + "\n", "invalid api.version '" + bad
                    + "' in META-INF/pinch/plugin.properties: must be <major>.<minor>, e.g. 1.0");
        }
    }

    @Test
    void lineWithoutSeparatorIsAProblem() {
        assertProblems("name=echo\nversion 1.0.0\napi.version=1.0\n",
                "line 2 is not key=value in META-INF/pinch/plugin.properties",
                "missing key 'version' in META-INF/pinch/plugin.properties");
    }

    @Test
    void invalidUtf8IsAProblem() {
        byte[] content = {'n', 'a', 'm', 'e', '=', (byte) 0xC3, (byte) 0x28};

        assertEquals(List.of("invalid UTF-8 in META-INF/pinch/plugin.properties"),
                PluginDescriptor.parse(content).problems().stream().map(Problem::text).toList());
    }

    @Test
    void apiVersionIsSatisfiedBySameMajorAndNoNewerMinor() {
        ApiVersion runtime = new ApiVersion(1, 2);

        assertTrue(new ApiVersion(1, 0).isSatisfiedBy(runtime));
        assertTrue(new ApiVersion(1, 2).isSatisfiedBy(runtime));
        assertEquals(false, new ApiVersion(1, 3).isSatisfiedBy(runtime));
        assertEquals(false, new ApiVersion(0, 9).isSatisfiedBy(runtime));
        assertEquals(false, new ApiVersion(2, 0).isSatisfiedBy(runtime));
    }

    @Test
    void runtimeProvidesApi11() {
        assertEquals("1.1", ApiVersion.RUNTIME.toString());
    }

    private static PluginDescriptor.Parse parse(String text) {
        return PluginDescriptor.parse(text.getBytes(UTF_8));
    }

    private static void assertProblems(String text, String... problems) {
        assertEquals(List.of(problems), parse(text).problems().stream().map(Problem::text).toList());
    }
}
