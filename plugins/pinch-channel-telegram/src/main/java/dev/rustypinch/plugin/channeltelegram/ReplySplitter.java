package dev.rustypinch.plugin.channeltelegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into chunks Telegram accepts (SPEC §12.5): at most {@code maxCodePoints} characters
 * and {@code maxUtf16Units} UTF-16 units each, preferring to cut at the last newline, then the last
 * space, of the window when the chunk keeps at least half the window (the newline or space is
 * dropped), else a hard cut that never splits a surrogate pair.
 */
final class ReplySplitter {
    static final int TELEGRAM_MAX_CODE_POINTS = 3500;
    static final int TELEGRAM_MAX_UTF16_UNITS = 4096;

    private final int maxCodePoints;
    private final int maxUtf16Units;

    ReplySplitter(int maxCodePoints, int maxUtf16Units) {
        if (maxCodePoints < 1 || maxUtf16Units < 2) {
            throw new IllegalArgumentException("window must hold at least one character and one surrogate pair");
        }
        this.maxCodePoints = maxCodePoints;
        this.maxUtf16Units = maxUtf16Units;
    }

    /** Telegram's limits: 3500 characters and 4096 UTF-16 units. */
    static ReplySplitter telegram() {
        return new ReplySplitter(TELEGRAM_MAX_CODE_POINTS, TELEGRAM_MAX_UTF16_UNITS);
    }

    /** The non-empty chunks of {@code text}, in order. */
    List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int windowEnd = windowEnd(text, start);
            if (windowEnd == text.length()) {
                addIfNotEmpty(chunks, text.substring(start));
                break;
            }
            int cut = preferredCut(text, start, windowEnd);
            if (cut >= 0) {
                addIfNotEmpty(chunks, text.substring(start, cut));
                start = cut + 1;
            } else {
                addIfNotEmpty(chunks, text.substring(start, windowEnd));
                start = windowEnd;
            }
        }
        return chunks;
    }

    /** The end (exclusive) of the longest window from {@code start} within both limits. */
    private int windowEnd(String text, int start) {
        int end = start;
        int codePoints = 0;
        while (end < text.length() && codePoints < maxCodePoints) {
            int width = Character.charCount(text.codePointAt(end));
            if (end - start + width > maxUtf16Units) {
                break;
            }
            end += width;
            codePoints++;
        }
        return end;
    }

    /** The index of the newline, else space, to cut at, or -1 when neither keeps half the window. */
    private static int preferredCut(String text, int start, int windowEnd) {
        int windowCodePoints = text.codePointCount(start, windowEnd);
        for (char separator : new char[] {'\n', ' '}) {
            int index = text.lastIndexOf(separator, windowEnd - 1);
            if (index >= start && 2L * text.codePointCount(start, index) >= windowCodePoints) {
                return index;
            }
        }
        return -1;
    }

    private static void addIfNotEmpty(List<String> chunks, String chunk) {
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
    }
}
