package dev.rustypinch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnicodeWhitespaceTest {
    @Test
    void trimsUnicodeWhiteSpaceOnly() {
        assertEquals("a b", UnicodeWhitespace.trim("\u00A0\u2007 \t a b\u202F\u3000\n"));
        assertEquals("\u001Fx\u001F", UnicodeWhitespace.trim(" \u001Fx\u001F "));
        assertEquals("", UnicodeWhitespace.trim(" \u0085 "));
    }

    @Test
    void blankMeansOnlyWhiteSpace() {
        assertTrue(UnicodeWhitespace.isBlank("\u2028 "));
        assertFalse(UnicodeWhitespace.isBlank("\u200B"));
    }
}
