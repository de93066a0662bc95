package dev.rustypinch.plugin.channeltelegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplySplitterTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void windowOfFourCutsAbcdefghijIntoAbcdEfghIj() {
        assertEquals(List.of("abcd", "efgh", "ij"), new ReplySplitter(4, 4096).split("abcdefghij"));
    }

    @Test
    void textWithinTheWindowIsOneChunk() {
        assertEquals(List.of("hello"), ReplySplitter.telegram().split("hello"));
    }

    @Test
    void tenThousandCharactersGiveChunksOf3500() {
        List<String> chunks = ReplySplitter.telegram().split("y".repeat(10_000));

        assertEquals(List.of(3500, 3500, 3000), chunks.stream().map(String::length).toList());
    }

    @Test
    void emojiOnlyReplyStaysWithin4096Utf16Units() {
        List<String> chunks = ReplySplitter.telegram().split(EMOJI.repeat(3000));

        assertEquals(List.of(EMOJI.repeat(2048), EMOJI.repeat(952)), chunks);
        chunks.forEach(chunk -> assertTrue(chunk.length() <= 4096));
    }

    @Test
    void hardCutNeverSplitsASurrogatePair() {
        assertEquals(List.of("ab" + EMOJI, EMOJI + "c"), new ReplySplitter(10, 5).split("ab" + EMOJI + EMOJI + "c"));
    }

    @Test
    void windowCountsCodePointsNotUtf16Units() {
        assertEquals(List.of(EMOJI.repeat(3), EMOJI), new ReplySplitter(3, 4096).split(EMOJI.repeat(4)));
    }

    @Test
    void cutPrefersTheLastNewlineOverALaterSpace() {
        assertEquals(List.of("abcdef", "gh ijklmno", "p"), new ReplySplitter(10, 4096).split("abcdef\ngh ijklmnop"));
    }

    @Test
    void cutFallsBackToTheLastSpaceAndDropsIt() {
        assertEquals(List.of("hello world", "again"), new ReplySplitter(12, 4096).split("hello world again"));
    }

    @Test
    void newlineTooEarlyInTheWindowGivesWayToASpace() {
        assertEquals(List.of("ab\ncdefg", "hij"), new ReplySplitter(10, 4096).split("ab\ncdefg hij"));
    }

    @Test
    void separatorKeepingExactlyHalfTheWindowIsUsed() {
        assertEquals(List.of("ab", "cdef"), new ReplySplitter(4, 4096).split("ab cdef"));
    }

    @Test
    void separatorKeepingLessThanHalfTheWindowGivesAHardCut() {
        assertEquals(List.of("a bc", "def"), new ReplySplitter(4, 4096).split("a bcdef"));
    }

    @Test
    void telegramWindowCutsAtTheLastLineBreak() {
        String first = "w".repeat(3000);
        String second = "z".repeat(600);

        assertEquals(List.of(first, second), ReplySplitter.telegram().split(first + "\n" + second));
    }
}
