package dev.rustypinch.plugin.channelwhatsapp;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/** The last message ids seen, for duplicate detection (SPEC §13.5). Thread safe. */
final class RecentIds {
    static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Set<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers an id.
     *
     * @return {@code false} when the id is among the last {@code capacity} ids seen
     */
    synchronized boolean firstSighting(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
