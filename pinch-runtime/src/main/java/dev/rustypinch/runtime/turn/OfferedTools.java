package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolSpec;
import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.json.JsonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Which tools the model may call in one turn (SPEC §18.1): the listed tools (or every tool for {@code *}) that exist at
 * the turn, in name order, each with the schema it is offered with (§18.2). A tool whose declared schema is not a JSON
 * object is left out with a warning, so one broken plugin cannot break every request.
 */
final class OfferedTools {
    private final SortedMap<String, Tool> tools;
    private final List<ToolSpec> specs;

    private OfferedTools(SortedMap<String, Tool> tools, List<ToolSpec> specs) {
        this.tools = Collections.unmodifiableSortedMap(tools);
        this.specs = List.copyOf(specs);
    }

    /**
     * @param existing every tool that exists now, by name (from the {@link ToolDirectory})
     * @param settings the agent settings naming the tools the model may call
     */
    static OfferedTools select(SortedMap<String, Tool> existing, AgentSettings settings) {
        requireNonNull(existing, "existing is null");
        requireNonNull(settings, "settings is null");
        SortedMap<String, Tool> offered = new TreeMap<>();
        List<ToolSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Tool> entry : existing.entrySet()) {
            if (!settings.lists(entry.getKey())) {
                continue;
            }
            Optional<ToolSpec> spec = spec(entry.getKey(), entry.getValue());
            if (spec.isPresent()) {
                offered.put(entry.getKey(), entry.getValue());
                specs.add(spec.get());
            }
        }
        return new OfferedTools(offered, specs);
    }

    private static Optional<ToolSpec> spec(String name, Tool tool) {
        String schema;
        try {
            schema = ToolInvoker.offeredSchema(tool);
        } catch (RuntimeException | LinkageError e) {
            warn(name, e.getClass().getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
        if (!isObject(schema)) {
            warn(name, "its parameters schema is not a JSON object");
            return Optional.empty();
        }
        return Optional.of(new ToolSpec(name, tool.description(), schema));
    }

    private static boolean isObject(String schema) {
        try {
            JsonNode node = JsonText.parse(schema);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static void warn(String name, String reason) {
        LoggerFactory.getLogger(OfferedTools.class).warn("tool '{}' is not offered to the model: {}", name, reason);
    }

    /** Whether no tool is offered (the turn then runs as without agent mode). */
    boolean isEmpty() {
        return tools.isEmpty();
    }

    /** The offered tool of that name. */
    Optional<Tool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The {@code tools} of the request, in name order. */
    List<ToolSpec> specs() {
        return specs;
    }
}
