package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatToolCall;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tool calls of one model response and builds their results (SPEC §18.5): at most 16 calls run, at most 4 at
 * a time, each under the per-call timeout (interrupted and abandoned when it fires); every failure becomes the result
 * {@code error: <reason>}; results come back in call order, cut at 16000 characters; one {@code tool_call} event per
 * call, in call order, never with arguments or results. Thread safe.
 */
final class ToolCallRunner {
    static final int MAX_CALLS_PER_RESPONSE = 16;
    static final int MAX_CONCURRENT = 4;
    static final int MAX_ARGUMENTS_CHARS = 65536;
    static final int MAX_RESULT_CHARS = 16000;

    /** Where the calls come from: the turn and the round. */
    record Scope(String requestId, String sessionId, int round, ToolContext context) {
        Scope {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(context, "context is null");
        }
    }

    /**
     * One call's result.
     *
     * @param call      the call as received
     * @param content   the {@code tool} message content: the output (cut) or {@code error: <reason>}
     * @param error     the reason, when the call failed
     * @param latencyMs how long it ran (0 when it never ran)
     */
    record Result(ChatToolCall call, String content, Optional<String> error, long latencyMs) {
        Result {
            requireNonNull(call, "call is null");
            requireNonNull(content, "content is null");
            requireNonNull(error, "error is null");
        }

        static Result ok(ChatToolCall call, String output, long latencyMs) {
            return new Result(call, cut(output), Optional.empty(), latencyMs);
        }

        static Result failed(ChatToolCall call, String reason, long latencyMs) {
            return new Result(call, cut("error: " + reason), Optional.of(reason), latencyMs);
        }

        /** The {@code tool} message answering the call. */
        ChatMessage message() {
            return ChatMessage.toolResult(call.id(), content);
        }
    }

    /** The whole turn's deadline passed while calls were running; they were interrupted and abandoned. */
    static final class TurnDeadlineExceeded extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final ExecutorService executor;
    private final Optional<Duration> callTimeout;
    private final EventSink events;

    /**
     * @param executor    the threads the calls run on (not owned)
     * @param callTimeout the per-call limit, empty for none
     * @param events      where {@code tool_call} events go
     */
    ToolCallRunner(ExecutorService executor, Optional<Duration> callTimeout, EventSink events) {
        this.executor = requireNonNull(executor, "executor is null");
        this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * @return one result per call, in call order
     * @throws TurnDeadlineExceeded {@code turnDeadline} passed first
     */
    List<Result> run(List<ChatToolCall> calls, OfferedTools offered, Scope scope, Deadline turnDeadline)
            throws TurnDeadlineExceeded, InterruptedException {
        Result[] results = new Result[calls.size()];
        Deque<Integer> runnable = new ArrayDeque<>();
        for (int i = 0; i < calls.size(); i++) {
            Optional<String> rejection = rejection(i, calls.get(i), offered);
            if (rejection.isPresent()) {
                results[i] = Result.failed(calls.get(i), rejection.get(), 0);
            } else {
                runnable.add(i);
            }
        }
        schedule(calls, runnable, results, offered, scope, turnDeadline);
        List<Result> ordered = List.of(results);
        ordered.forEach(result -> emit(result, scope));
        return ordered;
    }

    private static Optional<String> rejection(int index, ChatToolCall call, OfferedTools offered) {
        if (index >= MAX_CALLS_PER_RESPONSE) {
            return Optional.of("too many tool calls in one response (max " + MAX_CALLS_PER_RESPONSE + ")");
        }
        if (offered.tool(call.name()).isEmpty()) {
            return Optional.of("tool '" + call.name() + "' is not available");
        }
        if (codePoints(call.arguments()) > MAX_ARGUMENTS_CHARS) {
            return Optional.of("arguments too long (max " + MAX_ARGUMENTS_CHARS + " characters)");
        }
        return Optional.empty();
    }

    /** A started call: which one, and when its own limit passes. */
    private record Running(int index, long startedNanos, Deadline deadline) {
    }

    /** Keeps up to four calls running; collects each as it ends or times out; gives up at the turn's deadline. */
    private void schedule(List<ChatToolCall> calls, Deque<Integer> pending, Result[] results, OfferedTools offered,
                          Scope scope, Deadline turnDeadline) throws TurnDeadlineExceeded, InterruptedException {
        CompletionService<Result> done = new ExecutorCompletionService<>(executor);
        Map<Future<Result>, Running> running = new HashMap<>();
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                while (running.size() < MAX_CONCURRENT && !pending.isEmpty()) {
                    int index = pending.poll();
                    ChatToolCall call = calls.get(index);
                    Tool tool = offered.tool(call.name()).orElseThrow();
                    Future<Result> future = done.submit(() -> invoke(tool, call, scope));
                    running.put(future, new Running(index, System.nanoTime(), Deadline.after(callTimeout)));
                }
                Deadline next = turnDeadline;
                for (Running call : running.values()) {
                    next = next.earlier(call.deadline());
                }
                Future<Result> finished = next.bounded() ? done.poll(next.remainingNanos(), TimeUnit.NANOSECONDS) : done.take();
                if (finished != null) {
                    Running call = running.remove(finished);
                    if (call != null) {
                        results[call.index()] = outcome(finished, calls.get(call.index()));
                    }
                }
                expire(running, results, calls);
                if (turnDeadline.bounded() && turnDeadline.remainingNanos() == 0) {
                    throw new TurnDeadlineExceeded();
                }
            }
        } finally {
            running.keySet().forEach(future -> future.cancel(true));
        }
    }

    /** Interrupts and abandons every call whose own limit has passed; its result says it timed out. */
    private void expire(Map<Future<Result>, Running> running, Result[] results, List<ChatToolCall> calls) {
        Iterator<Map.Entry<Future<Result>, Running>> entries = running.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Future<Result>, Running> entry = entries.next();
            Running call = entry.getValue();
            if (call.deadline().bounded() && call.deadline().remainingNanos() == 0) {
                entry.getKey().cancel(true);
                entries.remove();
                ChatToolCall timedOut = calls.get(call.index());
                results[call.index()] = Result.failed(timedOut, "tool '" + timedOut.name() + "' timed out after "
                        + callTimeout.orElseThrow().toSeconds() + " s", RetryPolicy.elapsedMillis(call.startedNanos()));
            }
        }
    }

    private static Result outcome(Future<Result> finished, ChatToolCall call) throws InterruptedException {
        try {
            return finished.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Result.failed(call, cause.getClass().getSimpleName() + ": " + cause.getMessage(), 0);
        }
    }

    /** Runs on an agent thread: the same tool code as {@code /tool}; failures become the reason the model reads. */
    private static Result invoke(Tool tool, ChatToolCall call, Scope scope) {
        long started = System.nanoTime();
        try {
            String output = ToolInvoker.runModelCall(tool, call.arguments(), scope.requestId(), scope.context());
            return Result.ok(call, output == null ? "" : output, RetryPolicy.elapsedMillis(started));
        } catch (ToolException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? "no reason given" : e.getMessage();
            return Result.failed(call, reason, RetryPolicy.elapsedMillis(started));
        } catch (RuntimeException | LinkageError e) {
            return Result.failed(call, e.getClass().getSimpleName() + ": " + e.getMessage(), RetryPolicy.elapsedMillis(started));
        }
    }

    private void emit(Result result, Scope scope) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("arguments_chars", codePoints(result.call().arguments()));
        fields.put("error", result.error().orElse(null));
        fields.put("latency_ms", result.latencyMs());
        fields.put("request_id", scope.requestId());
        fields.put("round", scope.round());
        fields.put("session_id", scope.sessionId());
        fields.put("status", result.error().isPresent() ? "error" : "ok");
        fields.put("tool_name", result.call().name());
        events.emit("tool_call", fields);
    }

    /** The first 16000 characters, then {@code \n[truncated <m> characters]} when there were more. */
    static String cut(String content) {
        int length = codePoints(content);
        if (length <= MAX_RESULT_CHARS) {
            return content;
        }
        int end = content.offsetByCodePoints(0, MAX_RESULT_CHARS);
        return content.substring(0, end) + "\n[truncated " + (length - MAX_RESULT_CHARS) + " characters]";
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The tool messages of the results, in call order. */
    static List<ChatMessage> messages(List<Result> results) {
        List<ChatMessage> messages = new ArrayList<>(results.size());
        results.forEach(result -> messages.add(result.message()));
        return messages;
    }
}
