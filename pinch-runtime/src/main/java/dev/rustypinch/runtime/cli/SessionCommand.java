package dev.rustypinch.runtime.cli;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.runtime.app.Application;
import dev.rustypinch.runtime.app.CommandException;
import dev.rustypinch.runtime.json.JsonText;
import dev.rustypinch.runtime.session.SessionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code session}: the history as a pretty JSON array (SPEC §6.4). */
public final class SessionCommand {
    private final Application app;

    public SessionCommand(Application app) {
        this.app = requireNonNull(app, "app is null");
    }

    public int execute(String sessionId) throws CommandException {
        List<SessionEntry> entries;
        try {
            entries = app.sessions().load(SessionIds.require(sessionId));
        } catch (SessionException e) {
            throw new CommandException(e.getMessage(), e.getCause());
        }
        List<Map<String, Object>> json = new ArrayList<>(entries.size());
        for (SessionEntry entry : entries) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("role", entry.role());
            object.put("content", entry.content());
            object.put("timestamp", entry.timestamp());
            json.add(object);
        }
        app.out().print(JsonText.pretty(json) + "\n");
        return 0;
    }
}
