package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.ChatResponse;
import dev.rustypinch.api.EventSink;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.telemetry.AgentCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The provider path in agent mode (SPEC §18): a bounded loop {@code model call -> tool calls -> model call …} in the
 * turn pipeline, so every provider plugin that carries tools gets it. Which tools are offered comes from
 * {@link OfferedTools}, running the calls from {@link ToolCallRunner}, whether to go on from {@link RoundPolicy}; this
 * class only strings them together and keeps the turn's metrics: attempts summed over every model call, latency of the
 * whole loop, the {@code agent} counters. Thread safe.
 */
public final class AgentLoop {
    private final AgentSettings settings;
    private final RoundPolicy policy;
    private final ToolCallRunner runner;
    private final ExecutorService executor;
    private final RetryPolicy retryPolicy;

    /**
     * @param settings    the agent settings (rounds, timeouts, listed tools)
     * @param threads     where tool calls and time-limited model calls run (owned by the caller)
     * @param retryPolicy each model call's own retries (SPEC §8.4)
     * @param events      where {@code tool_call} events go
     */
    public AgentLoop(AgentSettings settings, AgentThreads threads, RetryPolicy retryPolicy, EventSink events) {
        this.settings = requireNonNull(settings, "settings is null");
        this.policy = new RoundPolicy(settings.maxRounds());
        this.executor = requireNonNull(threads, "threads is null").executor();
        this.runner = new ToolCallRunner(executor, settings.toolTimeout(), events);
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    }

    /** The agent settings this loop runs under. */
    AgentSettings settings() {
        return settings;
    }

    /**
     * What the loop produced: the reply, or the error message without its metrics suffix; either way the summed
     * attempts, the whole loop's latency and the counts.
     */
    record Result(String reply, String error, long attempts, long latencyMs, AgentCounts counts) {
        Result {
            if ((reply == null) == (error == null)) {
                throw new IllegalArgumentException("exactly one of reply and error");
            }
            requireNonNull(counts, "counts is null");
        }
    }

    /** The turn the loop runs for. */
    record Turn(String model, List<ChatMessage> messages, double temperature, String requestId, String sessionId,
                ToolContext context) {
        Turn {
            requireNonNull(model, "model is null");
            messages = List.copyOf(requireNonNull(messages, "messages is null"));
            requireNonNull(requestId, "requestId is null");
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(context, "context is null");
        }
    }

    /** Runs the loop to a reply or a failure; only an interrupt of the calling thread escapes. */
    Result run(ChatProvider provider, OfferedTools offered, Turn turn) throws InterruptedException {
        Progress progress = new Progress(System.nanoTime());
        Deadline deadline = Deadline.after(settings.turnTimeout());
        List<ChatMessage> messages = new ArrayList<>(turn.messages());
        for (int round = 1; ; round++) {
            ChatRequest request = new ChatRequest(turn.model(), messages, turn.temperature(), offered.specs(),
                    policy.toolChoice(round));
            progress.modelCalls++;
            ChatResponse response;
            try {
                RetryPolicy.Success success = callModel(provider, request, deadline);
                progress.attempts += success.attempts();
                response = success.response();
            } catch (RetryPolicy.Failure failure) {
                progress.attempts += failure.attempts();
                return progress.failed(failure.getMessage());
            } catch (TimeoutException deadlinePassed) {
                progress.attempts += 1;
                return progress.failed(turnExceeded());
            }
            switch (policy.after(round, response)) {
                case ANSWER:
                    return progress.answered(response.content());
                case NO_FINAL_ANSWER:
                    return progress.failed("agent gave no final answer after " + round + " model calls");
                default:
                    break;
            }
            messages.add(ChatMessage.assistantToolCalls(response.content(), response.toolCalls()));
            ToolCallRunner.Scope scope = new ToolCallRunner.Scope(turn.requestId(), turn.sessionId(), round, turn.context());
            List<ToolCallRunner.Result> results;
            try {
                results = runner.run(response.toolCalls(), offered, scope, deadline);
            } catch (ToolCallRunner.TurnDeadlineExceeded deadlinePassed) {
                progress.toolCalls += response.toolCalls().size();
                progress.toolErrors += response.toolCalls().size();
                return progress.failed(turnExceeded());
            }
            progress.count(results);
            messages.addAll(ToolCallRunner.messages(results));
        }
    }

    /**
     * One model call with its retries; under a turn deadline it runs on an agent thread and is interrupted and
     * abandoned when the deadline passes.
     *
     * @throws TimeoutException the turn's deadline passed first
     */
    private RetryPolicy.Success callModel(ChatProvider provider, ChatRequest request, Deadline deadline)
            throws RetryPolicy.Failure, TimeoutException, InterruptedException {
        if (!deadline.bounded()) {
            return retryPolicy.call(provider, request);
        }
        Future<RetryPolicy.Success> call = executor.submit(() -> retryPolicy.call(provider, request));
        try {
            return call.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetryPolicy.Failure failure) {
                throw failure;
            }
            throw new RetryPolicy.Failure("provider call failed: " + e.getCause(), 1, 0);
        } finally {
            call.cancel(true);
        }
    }

    private String turnExceeded() {
        return "agent turn exceeded " + settings.turnTimeoutSecs() + " s";
    }

    /** The running totals of one loop. */
    private static final class Progress {
        private final long startedNanos;
        private long attempts;
        private long modelCalls;
        private long toolCalls;
        private long toolErrors;

        Progress(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        void count(List<ToolCallRunner.Result> results) {
            toolCalls += results.size();
            toolErrors += results.stream().filter(result -> result.error().isPresent()).count();
        }

        Result answered(String reply) {
            return new Result(reply, null, attempts, RetryPolicy.elapsedMillis(startedNanos), counts());
        }

        Result failed(String error) {
            return new Result(null, error, attempts, RetryPolicy.elapsedMillis(startedNanos), counts());
        }

        private AgentCounts counts() {
            return new AgentCounts(modelCalls, toolCalls, toolErrors);
        }
    }
}
