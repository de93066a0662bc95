package dev.rustypinch.runtime.channel;

/** The reply a channel sends for a failed turn (SPEC §12.3 step 6, §13.5). */
final class ErrorReplies {
    static final int MAX_MESSAGE_LENGTH = 600;

    private ErrorReplies() {
    }

    /** {@code Rusty Pinch error: <message>}, the message cut to 600 characters plus {@code ...} when longer. */
    static String of(String errorText) {
        int length = errorText.codePointCount(0, errorText.length());
        if (length <= MAX_MESSAGE_LENGTH) {
            return "Rusty Pinch error: " + errorText;
        }
        int end = errorText.offsetByCodePoints(0, MAX_MESSAGE_LENGTH);
        return "Rusty Pinch error: " + errorText.substring(0, end) + "...";
    }
}
