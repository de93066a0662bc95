package dev.rustypinch.runtime.session;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.SessionEntry;
import java.util.List;

/**
 * The end of a session: how many entries it holds and the last few of them, oldest first.
 *
 * @param total the number of stored entries
 * @param last  the last entries asked for
 */
public record SessionTail(long total, List<SessionEntry> last) {
    public SessionTail {
        last = List.copyOf(requireNonNull(last, "last is null"));
        if (total < last.size()) {
            throw new IllegalArgumentException("total is smaller than the entries returned");
        }
    }
}
