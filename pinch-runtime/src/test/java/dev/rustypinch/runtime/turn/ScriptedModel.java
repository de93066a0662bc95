package dev.rustypinch.runtime.turn;

import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.ProviderException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A tool-calling model in-process: answers each request with the next scripted response and keeps every request it got.
 * When the script runs out it keeps asking for the last response again (a model that never stops calling).
 */
final class ScriptedModel implements ChatProvider {
    /** One scripted answer: a response, or a failure to throw. */
    interface Step {
        ChatResponse answer() throws ProviderException;
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private Step last;

    ScriptedModel calls(ChatToolCall... calls) {
        ChatResponse response = new ChatResponse(null, List.of(calls));
        return then(() -> response);
    }

    ScriptedModel answers(String content) {
        ChatResponse response = new ChatResponse(content);
        return then(() -> response);
    }

    ScriptedModel then(Step step) {
        script.add(step);
        return this;
    }

    static ChatToolCall call(String id, String name, String arguments) {
        return new ChatToolCall(id, name, arguments);
    }

    @Override
    public synchronized ChatResponse complete(ChatRequest request) throws ProviderException {
        requests.add(request);
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last.answer();
    }

    @Override
    public boolean supportsTools() {
        return true;
    }

    synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }
}
