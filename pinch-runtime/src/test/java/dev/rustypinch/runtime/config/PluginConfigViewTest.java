package dev.rustypinch.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustypinch.api.ConfigKey;
import dev.rustypinch.api.ConfigType;
import dev.rustypinch.api.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginConfigViewTest {
    private static final ConfigKey BASE = ConfigKey.optional("TG_BASE", ConfigType.STRING, "https://api.telegram.org", "base");
    private static final ConfigKey NAME = ConfigKey.optional("TG_NAME", ConfigType.STRING, null, "name");
    private static final ConfigKey TOKEN = new ConfigKey("TG_TOKEN", ConfigType.SECRET, null, true, "token");
    private static final ConfigKey ENABLED = ConfigKey.optional("TG_ENABLED", ConfigType.BOOLEAN, "true", "enabled");
    private static final ConfigKey FLAG = ConfigKey.optional("TG_FLAG", ConfigType.BOOLEAN, null, "flag");
    private static final ConfigKey TIMEOUT = ConfigKey.optional("TG_TIMEOUT", ConfigType.NUMBER, "30", "timeout");
    private static final ConfigKey COUNT = ConfigKey.optional("TG_COUNT", ConfigType.NUMBER, null, "count");
    private static final ConfigKey ALLOW = ConfigKey.optional("TG_ALLOW", ConfigType.CSV, "a,b", "allow");
    private static final ConfigKey STATE = ConfigKey.optional("TG_STATE", ConfigType.PATH, "./state", "state");
    private static final List<ConfigKey> ALL = List.of(BASE, NAME, TOKEN, ENABLED, FLAG, TIMEOUT, COUNT, ALLOW, STATE);

    private static PluginConfigView view(Map<String, String> process) {
        return new PluginConfigView(Environment.of(process, Map.of()), ALL);
    }

    @Test
    void stringIsTrimmed() {
        assertEquals(Optional.of("x"), view(Map.of("TG_NAME", "  x ")).string("TG_NAME"));
    }

    @Test
    void blankStringUsesTheDefault() {
        assertEquals(Optional.of("https://api.telegram.org"), view(Map.of("TG_BASE", " ")).string("TG_BASE"));
    }

    @Test
    void unsetStringWithoutDefaultIsEmpty() {
        assertEquals(Optional.empty(), view(Map.of()).string("TG_NAME"));
    }

    @Test
    void secretIsTrimmedAndBlankIsEmpty() {
        assertEquals(Optional.of(Secret.of("t")), view(Map.of("TG_TOKEN", " t ")).secret("TG_TOKEN"));
        assertEquals(Optional.empty(), view(Map.of("TG_TOKEN", "  ")).secret("TG_TOKEN"));
    }

    @Test
    void booleanReadsValueThenDefaultThenFalse() {
        assertFalse(view(Map.of("TG_ENABLED", " OFF ")).bool("TG_ENABLED"));
        assertTrue(view(Map.of("TG_ENABLED", "maybe")).bool("TG_ENABLED"));
        assertFalse(view(Map.of()).bool("TG_FLAG"));
        assertTrue(view(Map.of("TG_FLAG", "yes")).bool("TG_FLAG"));
    }

    @Test
    void numberFollowsTheChannelNumberRule() {
        assertEquals(42, view(Map.of("TG_TIMEOUT", " 42 ")).number("TG_TIMEOUT"));
        assertEquals(7, view(Map.of("TG_TIMEOUT", "+7")).number("TG_TIMEOUT"));
        assertEquals(30, view(Map.of("TG_TIMEOUT", "-1")).number("TG_TIMEOUT"));
        assertEquals(30, view(Map.of("TG_TIMEOUT", "9223372036854775808")).number("TG_TIMEOUT"));
        assertEquals(0, view(Map.of()).number("TG_COUNT"));
    }

    @Test
    void csvUsesDefaultOnlyWhenUnset() {
        assertEquals(List.of("a", "b"), view(Map.of()).csv("TG_ALLOW"));
        assertEquals(List.of(), view(Map.of("TG_ALLOW", " , ")).csv("TG_ALLOW"));
        assertEquals(List.of("x", "y"), view(Map.of("TG_ALLOW", " x,,y ")).csv("TG_ALLOW"));
    }

    @Test
    void pathIsRawAndBlankUsesDefault() {
        assertEquals(Optional.of(Path.of(" /s ")), view(Map.of("TG_STATE", " /s ")).path("TG_STATE"));
        assertEquals(Optional.of(Path.of("./state")), view(Map.of("TG_STATE", "  ")).path("TG_STATE"));
    }

    @Test
    void rawIsUntrimmedForAnyDeclaredKey() {
        assertEquals(Optional.of(" 42 "), view(Map.of("TG_TIMEOUT", " 42 ")).raw("TG_TIMEOUT"));
        assertEquals(Optional.empty(), view(Map.of()).raw("TG_NAME"));
    }

    @Test
    void processEnvironmentWinsOverFile() {
        PluginConfigView view = new PluginConfigView(Environment.of(Map.of("TG_NAME", "p"), Map.of("TG_NAME", "f")), ALL);
        assertEquals(Optional.of("p"), view.string("TG_NAME"));
    }

    @Test
    void undeclaredKeyNamesTheDeclaredOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PluginConfigView(Environment.of(Map.of("OTHER", "1"), Map.of()), List.of(NAME, TOKEN)).string("OTHER"));
        assertEquals("config key 'OTHER' is not declared; declared keys: TG_NAME, TG_TOKEN", error.getMessage());
    }

    @Test
    void undeclaredKeySuggestsACloseOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> view(Map.of()).number("TG_TIMOUT"));
        assertTrue(error.getMessage().endsWith("(did you mean 'TG_TIMEOUT'?)"), error.getMessage());
    }

    @Test
    void rawOfUndeclaredKeyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> view(Map.of("PATH", "/bin")).raw("PATH"));
    }

    @Test
    void wrongTypeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> view(Map.of()).string("TG_TIMEOUT"));
        assertEquals("config key 'TG_TIMEOUT' is declared as NUMBER, not STRING; read it with number(\"TG_TIMEOUT\")",
                error.getMessage());
    }

    @Test
    void conflictingDeclarationsAreRejected() {
        ConfigKey other = ConfigKey.optional("TG_NAME", ConfigType.NUMBER, null, "again");
        assertThrows(IllegalArgumentException.class,
                () -> new PluginConfigView(Environment.of(Map.of(), Map.of()), List.of(NAME, other)));
    }

    @Test
    void repeatedDeclarationOfTheSameTypeKeepsTheFirst() {
        ConfigKey again = ConfigKey.optional("TG_BASE", ConfigType.STRING, "other", "again");
        PluginConfigView view = new PluginConfigView(Environment.of(Map.of(), Map.of()), List.of(BASE, again));
        assertEquals(Optional.of("https://api.telegram.org"), view.string("TG_BASE"));
        assertEquals(List.of(BASE), view.declaredKeys());
    }

    @Test
    void toStringMasksSecrets() {
        String text = view(Map.of("TG_TOKEN", "123:secret", "TG_NAME", "bot")).toString();
        assertFalse(text.contains("123:secret"), text);
        assertTrue(text.contains("TG_TOKEN=<redacted>"), text);
        assertTrue(text.contains("TG_NAME=bot"), text);
        assertTrue(text.contains("TG_FLAG=<unset>"), text);
    }
}
