package dev.rustypinch.runtime.turn;

import static java.util.Objects.requireNonNull;

import dev.rustypinch.api.ChatMessage;
import dev.rustypinch.api.ChatProvider;
import dev.rustypinch.api.ChatRequest;
import dev.rustypinch.api.SessionEntry;
import dev.rustypinch.api.Timestamps;
import dev.rustypinch.api.Tool;
import dev.rustypinch.api.ToolContext;
import dev.rustypinch.api.ToolException;
import dev.rustypinch.runtime.config.AgentSettings;
import dev.rustypinch.runtime.session.SessionException;
import dev.rustypinch.runtime.session.SessionStore;
import dev.rustypinch.runtime.session.SessionTail;
import dev.rustypinch.runtime.telemetry.AgentCounts;
import dev.rustypinch.runtime.telemetry.TurnRecord;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * One turn, end to end (SPEC §7): request id, tool path or provider path, session append on success, one
 * record for every outcome. Shared by {@code run}, {@code repl}, {@code tools run} and the channel workers.
 * Thread safe; the caller keeps one session's turns in order.
 */
public final class TurnPipeline {
    /** How many stored messages the provider request carries at most (SPEC §6.5). */
    static final int CONTEXT_WINDOW = 20;
    private static final Set<String> CONTEXT_ROLES = Set.of("user", "assistant", "system");
    private static final Set<String> LOCAL_PROVIDERS = Set.of("local", "offline");
    private static final double TEMPERATURE = 0.2;
    /** A reply of only tool calls to a request that offered none (a provider or server misbehaving). */
    static final String UNASKED_TOOL_CALLS = "provider response asked for tool calls but none were offered and it has no content";

    /** What the pipeline needs to know of the configuration. */
    public record Config(String provider, String model, boolean apiKeyLoaded, boolean apiBaseLoaded) {
        public Config {
            requireNonNull(provider, "provider is null");
            requireNonNull(model, "model is null");
        }
    }

    private final Config config;
    private final SessionStore sessions;
    private final TurnRecorder recorder;
    private final ProviderDirectory providers;
    private final ToolDirectory tools;
    private final RetryPolicy retryPolicy;
    private final PromptBuilder prompts;
    private final RequestIds requestIds;
    private final Clock clock;
    private final Optional<AgentLoop> agent;

    /** A pipeline without agent mode. */
    public TurnPipeline(
            Config config,
            SessionStore sessions,
            TurnRecorder recorder,
            ProviderDirectory providers,
            ToolDirectory tools,
            RetryPolicy retryPolicy,
            PromptBuilder prompts,
            RequestIds requestIds,
            Clock clock) {
        this(config, sessions, recorder, providers, tools, retryPolicy, prompts, requestIds, clock, Optional.empty());
    }

    /**
     * @param tools the seam where the pipeline learns which tools exist, for {@code /tool} and for agent mode (read once
     *              per agent-mode turn)
     * @param agent the agent loop when agent mode is on (SPEC §18); empty = the drop-in provider path
     */
    public TurnPipeline(
            Config config,
            SessionStore sessions,
            TurnRecorder recorder,
            ProviderDirectory providers,
            ToolDirectory tools,
            RetryPolicy retryPolicy,
            PromptBuilder prompts,
            RequestIds requestIds,
            Clock clock,
            Optional<AgentLoop> agent) {
        this.agent = requireNonNull(agent, "agent is null");
        this.config = requireNonNull(config, "config is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
        this.prompts = requireNonNull(prompts, "prompts is null");
        this.requestIds = requireNonNull(requestIds, "requestIds is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Runs one turn; never throws for a failed turn (the result says so). */
    public TurnResult run(String sessionId, String input) {
        String requestId = requestIds.next();
        Optional<ToolCommand> command = ToolCommand.parse(input);
        Outcome outcome = command.isPresent()
                ? toolTurn(sessionId, command.get(), requestId)
                : providerTurn(sessionId, input, requestId);
        recorder.record(outcome.record(requestId, sessionId, Timestamps.format(clock.instant())), outcome.agent());
        return outcome.reply() != null ? TurnResult.ok(requestId, outcome.reply()) : TurnResult.failed(requestId, outcome.error());
    }

    private Outcome toolTurn(String sessionId, ToolCommand command, String requestId) {
        Outcome base = new Outcome(config, "tool", command.name().isEmpty() ? null : command.name(),
                length(command.commandText()), null, null, null, null, AgentCounts.ZERO);
        SortedMap<String, Tool> available = tools.toolsFor(command.name());
        Optional<String> violation = ToolGuardrails.check(command, available.keySet());
        if (violation.isPresent()) {
            return base.failed(violation.get());
        }
        Tool tool = available.get(command.name());
        String output;
        try {
            output = ToolInvoker.runCommand(tool, command, requestId, toolContext(sessionId));
        } catch (ToolException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? "no reason given" : e.getMessage();
            return base.failed(executionFailed(command, reason));
        } catch (RuntimeException | LinkageError e) {
            return base.failed(executionFailed(command, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        String reply = "[tool:" + command.name() + "]\n" + (output == null ? "" : output);
        Optional<String> saveError = append(sessionId, command.commandText(), reply);
        return saveError.isPresent() ? base.failed(saveError.get()) : base.succeeded(reply);
    }

    private static String executionFailed(ToolCommand command, String reason) {
        return "tool '" + command.name() + "' execution failed: " + reason;
    }

    private ToolContext toolContext(String sessionId) {
        return new ToolContext() {
            @Override
            public String sessionId() {
                return sessionId;
            }

            @Override
            public String provider() {
                return config.provider();
            }

            @Override
            public String model() {
                return config.model();
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public List<SessionEntry> history() throws IOException {
                try {
                    return List.copyOf(sessions.load(sessionId));
                } catch (SessionException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    private Outcome providerTurn(String sessionId, String input, String requestId) {
        Outcome base = new Outcome(config, "provider", null, length(input), null, null, null, null, AgentCounts.ZERO);
        SessionTail history;
        try {
            history = sessions.tail(sessionId, CONTEXT_WINDOW);
        } catch (SessionException e) {
            return base.failed("failed loading session history: " + e.getMessage());
        }
        String systemMessage = prompts.systemMessage(config.provider(), config.model(), sessionId, input);
        long started = System.nanoTime();
        if (LOCAL_PROVIDERS.contains(config.provider())) {
            String reply = "[Rusty Pinch:" + config.provider() + ":" + config.model() + "] Received '" + input
                    + "'. history=" + history.total() + " messages.";
            return saved(base.withMetrics(0, RetryPolicy.elapsedMillis(started)), sessionId, input, reply);
        }
        Optional<String> precheck = precheck();
        if (precheck.isPresent()) {
            long latency = RetryPolicy.elapsedMillis(started);
            return base.withMetrics(0, latency).failed(withMetrics(precheck.get(), 0, latency));
        }
        ChatProvider provider;
        try {
            provider = providers.provider(config.provider());
        } catch (RuntimeException | LinkageError e) {
            long latency = RetryPolicy.elapsedMillis(started);
            String message = "failed to create provider '" + config.provider() + "': " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; see 'rusty-pinch plugins list'";
            return base.withMetrics(0, latency).failed(withMetrics(message, 0, latency));
        }
        List<ChatMessage> messages = messages(systemMessage, history.last(), input);
        Optional<OfferedTools> offered = offeredTools(provider);
        if (offered.isPresent()) {
            return agentTurn(base, provider, offered.get(),
                    new AgentLoop.Turn(config.model(), messages, TEMPERATURE, requestId, sessionId, toolContext(sessionId)),
                    input);
        }
        ChatRequest request = new ChatRequest(config.model(), messages, TEMPERATURE);
        try {
            RetryPolicy.Success success = retryPolicy.call(provider, request);
            Outcome measured = base.withMetrics(success.attempts(), success.latencyMs());
            String reply = success.response().content();
            if (reply == null || reply.isBlank()) {
                return measured.failed(withMetrics(UNASKED_TOOL_CALLS, success.attempts(), success.latencyMs()));
            }
            return saved(measured, sessionId, input, reply);
        } catch (RetryPolicy.Failure failure) {
            return base.withMetrics(failure.attempts(), failure.latencyMs())
                    .failed(withMetrics(failure.getMessage(), failure.attempts(), failure.latencyMs()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            long latency = RetryPolicy.elapsedMillis(started);
            return base.withMetrics(1, latency).failed(withMetrics("provider call interrupted", 1, latency));
        }
    }

    /** The tools to offer when agent mode is on, the provider carries tools and some listed tool exists now. */
    private Optional<OfferedTools> offeredTools(ChatProvider provider) {
        if (agent.isEmpty() || !agent.get().settings().enabled() || !supportsTools(provider)) {
            return Optional.empty();
        }
        AgentSettings settings = agent.get().settings();
        SortedMap<String, Tool> existing = settings.allTools() ? tools.tools() : tools.toolsFor(settings.tools());
        OfferedTools offered = OfferedTools.select(existing, settings);
        return offered.isEmpty() ? Optional.empty() : Optional.of(offered);
    }

    private static boolean supportsTools(ChatProvider provider) {
        try {
            return provider.supportsTools();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private Outcome agentTurn(Outcome base, ChatProvider provider, OfferedTools offered, AgentLoop.Turn turn, String input) {
        long started = System.nanoTime();
        AgentLoop.Result result;
        try {
            result = agent.orElseThrow().run(provider, offered, turn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            long latency = RetryPolicy.elapsedMillis(started);
            return base.withMetrics(1, latency).failed(withMetrics("provider call interrupted", 1, latency));
        }
        Outcome measured = base.withMetrics(result.attempts(), result.latencyMs()).withAgent(result.counts());
        if (result.error() != null) {
            return measured.failed(withMetrics(result.error(), result.attempts(), result.latencyMs()));
        }
        return saved(measured, turn.sessionId(), input, result.reply());
    }

    private Optional<String> precheck() {
        if (!providers.serves(config.provider())) {
            return Optional.of(notImplemented());
        }
        if (!config.apiKeyLoaded()) {
            return Optional.of("missing API key for provider '" + config.provider() + "'");
        }
        if (!config.apiBaseLoaded()) {
            return Optional.of("missing API base for provider '" + config.provider() + "'");
        }
        return Optional.empty();
    }

    private String notImplemented() {
        String message = "provider '" + config.provider() + "' is not implemented yet in rusty-pinch runtime";
        return providers.hasPluginProblems() ? message + "; see 'rusty-pinch plugins list'" : message;
    }

    private static String withMetrics(String message, long attempts, long latencyMs) {
        return message + " (attempts=" + attempts + ", latency_ms=" + latencyMs + ")";
    }

    /** The system message, the window (the last 20 stored messages, SPEC §6.5) with other roles dropped, the input. */
    private static List<ChatMessage> messages(String systemMessage, List<SessionEntry> window, String input) {
        List<ChatMessage> messages = new ArrayList<>(CONTEXT_WINDOW + 2);
        messages.add(new ChatMessage("system", systemMessage));
        for (SessionEntry entry : window) {
            if (CONTEXT_ROLES.contains(entry.role())) {
                messages.add(new ChatMessage(entry.role(), entry.content()));
            }
        }
        messages.add(new ChatMessage("user", input));
        return messages;
    }

    private Outcome saved(Outcome base, String sessionId, String userText, String reply) {
        Optional<String> saveError = append(sessionId, userText, reply);
        return saveError.isPresent() ? base.failed(saveError.get()) : base.succeeded(reply);
    }

    private Optional<String> append(String sessionId, String userText, String reply) {
        try {
            sessions.appendTurn(sessionId,
                    new SessionEntry("user", userText, Timestamps.format(clock.instant())),
                    new SessionEntry("assistant", reply, Timestamps.format(clock.instant())));
            return Optional.empty();
        } catch (SessionException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static long length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** What a turn produced, before it is stamped with its id and end time. */
    private record Outcome(Config config, String path, String toolName, long userChars, Long attempts, Long latencyMs,
                           String reply, String error, AgentCounts agent) {
        Outcome withMetrics(long attempts, long latencyMs) {
            return new Outcome(config, path, toolName, userChars, attempts, latencyMs, reply, error, agent);
        }

        Outcome withAgent(AgentCounts agent) {
            return new Outcome(config, path, toolName, userChars, attempts, latencyMs, reply, error, agent);
        }

        Outcome succeeded(String reply) {
            return new Outcome(config, path, toolName, userChars, attempts, latencyMs, reply, null, agent);
        }

        Outcome failed(String error) {
            return new Outcome(config, path, toolName, userChars, attempts, latencyMs, null, error, agent);
        }

        TurnRecord record(String requestId, String sessionId, String timestamp) {
            return new TurnRecord(timestamp, requestId, sessionId, path, reply != null ? "ok" : "error",
                    config.provider(), config.model(), toolName, attempts, latencyMs, userChars,
                    reply != null ? length(reply) : 0, error);
        }
    }
}
