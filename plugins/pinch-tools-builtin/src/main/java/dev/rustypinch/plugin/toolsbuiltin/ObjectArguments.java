package dev.rustypinch.plugin.toolsbuiltin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rustypinch.api.ToolException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members of the small JSON object a built-in tool receives from a model's call (SPEC §18.2): each member's first
 * token and, for scalars, its text. Nested objects and arrays are kept as their start token only.
 */
final class ObjectArguments {
    /** The schema of a tool without parameters (SPEC §18.2). */
    static final String NO_PARAMETERS = "{\"properties\":{},\"type\":\"object\"}";
    private static final JsonFactory JSON = new JsonFactory();

    /** One member: its token ({@code VALUE_NUMBER_INT}, {@code VALUE_STRING}, {@code START_OBJECT}, …) and scalar text. */
    record Member(JsonToken token, String text) {
        Member {
            requireNonNull(token, "token is null");
        }
    }

    private final Map<String, Member> members;

    private ObjectArguments(Map<String, Member> members) {
        this.members = members;
    }

    /**
     * @param json a JSON object as text (the runtime has checked it is one)
     * @throws ToolException it is not a JSON object after all
     */
    static ObjectArguments parse(String json) throws ToolException {
        Map<String, Member> members = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ToolException("arguments must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                members.put(name, new Member(value, value.isScalarValue() ? parser.getText() : null));
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new ToolException("arguments must be a JSON object");
        }
        return new ObjectArguments(members);
    }

    /** Fails naming the first member outside {@code allowed}, with {@code expectation} saying what the tool takes. */
    void requireOnly(Set<String> allowed, String expectation) throws ToolException {
        for (String name : members.keySet()) {
            if (!allowed.contains(name)) {
                throw new ToolException(expectation.isEmpty() ? "unknown argument '" + name + "'"
                        : "unknown argument '" + name + "'; " + expectation);
            }
        }
    }

    /** Whether the object has no member. */
    boolean isEmpty() {
        return members.isEmpty();
    }

    /** The member, absent also when its value is {@code null}. */
    Optional<Member> get(String name) {
        return Optional.ofNullable(members.get(name)).filter(member -> member.token() != JsonToken.VALUE_NULL);
    }
}
