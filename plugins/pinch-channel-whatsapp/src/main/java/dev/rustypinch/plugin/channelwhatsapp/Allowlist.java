package dev.rustypinch.plugin.channelwhatsapp;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may talk to the assistant (SPEC §13.5): empty allows everyone, else a message is allowed when
 * one of its identities (sender, chat and, for nanobot, their parts before {@code @}) is listed.
 */
record Allowlist(Set<String> entries) {
    Allowlist {
        entries = Set.copyOf(requireNonNull(entries, "entries is null"));
    }

    static Allowlist of(List<String> entries) {
        return new Allowlist(Set.copyOf(entries));
    }

    boolean allows(Collection<String> identities) {
        return entries.isEmpty() || identities.stream().anyMatch(entries::contains);
    }
}
