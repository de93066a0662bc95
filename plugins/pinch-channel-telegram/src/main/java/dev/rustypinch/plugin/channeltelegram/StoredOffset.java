package dev.rustypinch.plugin.channeltelegram;

import java.util.List;

/**
 * What the offset file holds (SPEC §12.4, §22): the finished watermark and the ids of finished updates above it.
 *
 * @param offset   1 + the highest update id such that every update up to it is finished
 * @param finished finished update ids above the watermark, ascending
 */
record StoredOffset(long offset, List<Long> finished) {
    StoredOffset {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        finished = List.copyOf(finished);
        for (long id : finished) {
            if (id < offset) {
                throw new IllegalArgumentException("finished update " + id + " is below the offset " + offset);
            }
        }
    }

    /** Nothing stored: start from offset 0. */
    static StoredOffset none() {
        return new StoredOffset(0, List.of());
    }
}
