package dev.rustypinch.distribution.provider;

/**
 * Expected JSON texts written by hand, so a test does not check the encoder with itself: SPEC §0
 * escaping of the characters the tests use ({@code "}, {@code \}, line feeds, tabs); everything
 * else, {@code /} and non-ASCII included, stays raw.
 */
final class JsonStrings {
    private JsonStrings() {
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        throw new IllegalArgumentException("the tests use no other control characters");
                    }
                    out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** One chat message as the request body carries it: {@code {"content":…,"role":…}}. */
    static String message(String role, String content) {
        return "{\"content\":" + quote(content) + ",\"role\":" + quote(role) + "}";
    }
}
