package dev.rustypinch.api;

/**
 * The SPEC's notion of whitespace (SPEC §0): characters with the Unicode {@code White_Space}
 * property, which differs from both {@link String#trim()} and {@link Character#isWhitespace(int)}
 * (those miss U+00A0, U+2007, U+202F and U+0085, and the latter counts U+001C–U+001F).
 */
public final class UnicodeWhitespace {
    private UnicodeWhitespace() {
    }

    /** Whether the code point has the Unicode {@code White_Space} property. */
    public static boolean isWhitespace(int codePoint) {
        return (codePoint >= 0x09 && codePoint <= 0x0D)
                || codePoint == 0x20
                || codePoint == 0x85
                || codePoint == 0xA0
                || codePoint == 0x1680
                || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028
                || codePoint == 0x2029
                || codePoint == 0x202F
                || codePoint == 0x205F
                || codePoint == 0x3000;
    }

    /** Removes leading and trailing {@code White_Space} characters. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Whether the text is empty or only {@code White_Space}. */
    public static boolean isBlank(String text) {
        return trim(text).isEmpty();
    }
}
