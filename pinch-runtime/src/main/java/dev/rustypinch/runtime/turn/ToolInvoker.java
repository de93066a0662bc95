package dev.rustypinch.runtime.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rustypinch.api.JsonToolInvocation;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.api.ToolInvocation;
import dev.rustypinch.api.UnicodeWhitespace;
import dev.rustypinch.runtime.json.JsonText;
import java.util.Optional;

/**
 * Calls a tool in the form its arguments take (SPEC §18.2): a tool that declares a parameters schema gets JSON object
 * arguments through {@link Tool#runJson}, a text tool gets its args text through {@link Tool#run}. The same code serves
 * {@code /tool} and the model's calls.
 */
final class ToolInvoker {
    static final String NOT_AN_OBJECT = "arguments must be a JSON object";
    private static final String EMPTY_OBJECT = "{}";

    private ToolInvoker() {
    }

    /**
     * {@code /tool <name> <args>}: a schema tool with empty args or args that parse as a JSON object runs with them as
     * JSON ({@code {}} when empty); anything else runs as text, so the built-ins keep their text form.
     */
    static String runCommand(Tool tool, ToolCommand command, String requestId, ToolContext context) throws ToolException {
        if (tool.parametersSchema().isPresent()) {
            String arguments = command.args().isEmpty() ? EMPTY_OBJECT : command.args();
            if (parseObject(arguments).isPresent()) {
                return tool.runJson(new JsonToolInvocation(command.name(), arguments, requestId), context);
            }
        }
        return tool.run(new ToolInvocation(command.name(), command.args(), requestId), context);
    }

    /**
     * A model's call (SPEC §18.5): the arguments must be a JSON object ({@code ""} reads as {@code {}}); a schema tool
     * gets them as they are, a text tool gets the trimmed {@code args} string (absent = empty) after §9.2 rules 4–5.
     *
     * @throws ToolException the arguments are unusable, or the tool failed; the message is the reason the model reads
     */
    static String runModelCall(Tool tool, String arguments, String requestId, ToolContext context) throws ToolException {
        String json = arguments.isEmpty() ? EMPTY_OBJECT : arguments;
        JsonNode object = parseObject(json).orElseThrow(() -> new ToolException(NOT_AN_OBJECT));
        if (tool.parametersSchema().isPresent()) {
            return tool.runJson(new JsonToolInvocation(tool.name(), json, requestId), context);
        }
        String args = textArgs(object);
        Optional<String> problem = ToolGuardrails.checkArgs(args);
        if (problem.isPresent()) {
            throw new ToolException(problem.get());
        }
        return tool.run(new ToolInvocation(tool.name(), args, requestId), context);
    }

    /** The parameters schema a tool is offered with: its own, or the single {@code args} string of a text tool. */
    static String offeredSchema(Tool tool) {
        Optional<String> schema = tool.parametersSchema();
        if (schema.isPresent()) {
            return schema.get();
        }
        return "{\"properties\":{\"args\":{\"description\":" + JsonText.compact(tool.usage())
                + ",\"type\":\"string\"}},\"type\":\"object\"}";
    }

    private static String textArgs(JsonNode object) throws ToolException {
        JsonNode args = object.get("args");
        if (args == null || args.isNull()) {
            return "";
        }
        if (!args.isTextual()) {
            throw new ToolException("args must be a string");
        }
        return UnicodeWhitespace.trim(args.textValue());
    }

    private static Optional<JsonNode> parseObject(String text) {
        try {
            JsonNode node = JsonText.parse(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }
}
