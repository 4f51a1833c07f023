package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.OrchestratorClient;
import dev.speckitty.orchestrator.core.git.GitCommandLine;
import dev.speckitty.orchestrator.core.spi.AgentAdapter;
import dev.speckitty.orchestrator.core.spi.AgentLauncher;
import dev.speckitty.orchestrator.core.spi.AgentSelector;
import dev.speckitty.orchestrator.core.spi.GitOperations;
import dev.speckitty.orchestrator.core.spi.PromptBuilder;
import dev.speckitty.orchestrator.core.spi.RetryPolicy;
import dev.speckitty.orchestrator.core.spi.ReviewVerdictParser;
import dev.speckitty.orchestrator.core.spi.Sleeper;
import dev.speckitty.orchestrator.core.spi.WorkScheduler;
import dev.speckitty.orchestrator.core.state.RunStateStore;
import dev.speckitty.orchestrator.core.state.RunStateStores;
import dev.speckitty.orchestrator.core.strategy.AgentSelectors;
import dev.speckitty.orchestrator.core.strategy.PromptBuilders;
import dev.speckitty.orchestrator.core.strategy.RetryPolicies;
import dev.speckitty.orchestrator.core.strategy.ReviewVerdictParsers;
import dev.speckitty.orchestrator.core.strategy.WorkSchedulers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives one mission to completion: claims ready WPs, runs implementation agents in their lane worktrees, commits
 * their work, hands off for review, runs reviewers with an explicit verdict protocol, approves or reworks, blocks
 * what cannot progress with a reason, and optionally accepts and merges the mission.
 *
 * <p>The host is the truth for lanes; the engine keeps provider-local bookkeeping in a {@link RunStateStore}. The
 * engine is event-driven: a coordinator reacts to completions of host calls and agent runs and never sleep-polls.
 *
 * <p>Threading: {@link #run(RunRequest)} blocks the calling thread until the run ends and must not be called
 * concurrently on one engine (a second concurrent call throws {@link IllegalStateException}). {@link #requestStop()}
 * and {@link #stopNow()} may be called from any thread. Listeners are called on the coordinator thread.
 *
 * <pre>{@code
 * OrchestrationEngine engine = OrchestrationEngine.builder()
 *         .client(client)
 *         .options(EngineOptions.builder().projectRoot(root).build())
 *         .launcher(new ProcessAgentLauncher())
 *         .adapters(AgentAdapters.builtIns())
 *         .addListener(OrchestrationListener.jsonLines(writer))
 *         .build();
 * RunReport report = engine.run(RunRequest.of("my-mission"));
 * }</pre>
 */
public final class OrchestrationEngine {
    private final Builder config;
    private final Object lock = new Object();
    private EngineRun current;
    private boolean stopRequested;
    private boolean stopNowRequested;

    private OrchestrationEngine(Builder b) {
        this.config = b.copy();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs (or resumes) a mission until every WP is finished, nothing can progress (stall), or a stop is requested.
     * Never throws for WP-level failures: they end in the report. Run-state write failures and host failures that
     * make the whole run impossible (mission not found, contract mismatch) are thrown.
     *
     * @param request the mission and resume flag
     * @return the report
     * @throws IllegalStateException when a run is already in progress on this engine
     * @throws dev.speckitty.orchestrator.client.error.OrchestratorException when the mission cannot be read at all
     * @throws dev.speckitty.orchestrator.core.state.RunStateException when the run state cannot be read or written
     */
    public RunReport run(RunRequest request) {
        Objects.requireNonNull(request, "request");
        EngineRun run;
        synchronized (lock) {
            if (current != null) {
                throw new IllegalStateException("this engine is already running mission " + current.mission());
            }
            run = new EngineRun(config, request);
            current = run;
            if (stopNowRequested) {
                run.stop(true);
            } else if (stopRequested) {
                run.stop(false);
            }
        }
        try {
            return run.execute();
        } finally {
            synchronized (lock) {
                current = null;
                stopRequested = false;
                stopNowRequested = false;
            }
        }
    }

    /**
     * Requests a graceful stop: no new work starts, running agents are interrupted (the launcher kills their process
     * trees), the state is saved and {@link #run} returns a report with status {@code INTERRUPTED}. Host calls in
     * flight finish first. Safe from any thread; idempotent.
     */
    public void requestStop() {
        synchronized (lock) {
            stopRequested = true;
            if (current != null) {
                current.stop(false);
            }
        }
    }

    /**
     * Requests an immediate stop: like {@link #requestStop()} but does not wait for host calls in flight either (their
     * outcome is re-read on the next run). Safe from any thread; idempotent.
     */
    public void stopNow() {
        synchronized (lock) {
            stopNowRequested = true;
            if (current != null) {
                current.stop(true);
            }
        }
    }

    /**
     * Builds an {@link OrchestrationEngine}. Not thread-safe. {@link #client}, {@link #options} and {@link #launcher}
     * are required; every strategy has a default derived from the options.
     */
    public static final class Builder {
        OrchestratorClient client;
        EngineOptions options;
        AgentLauncher launcher;
        final Map<String, AgentAdapter> adapters = new LinkedHashMap<>();
        WorkScheduler scheduler;
        AgentSelector selector;
        ReviewVerdictParser verdictParser;
        RetryPolicy retryPolicy;
        RunStateStore stateStore;
        GitOperations git;
        PromptBuilder promptBuilder;
        final List<OrchestrationListener> listeners = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.system();

        Builder() {}

        Builder copy() {
            Builder b = new Builder();
            b.client = client;
            b.options = options;
            b.launcher = launcher;
            b.adapters.putAll(adapters);
            b.scheduler = scheduler;
            b.selector = selector;
            b.verdictParser = verdictParser;
            b.retryPolicy = retryPolicy;
            b.stateStore = stateStore;
            b.git = git;
            b.promptBuilder = promptBuilder;
            b.listeners.addAll(listeners);
            b.clock = clock;
            b.sleeper = sleeper;
            return b;
        }

        /**
         * Sets the host client (required). The engine counts every call through it.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(OrchestratorClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the options (required).
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(EngineOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the agent launcher (required unless dry-running): the one seam that starts agent processes.
         *
         * @param launcher the launcher
         * @return this builder
         */
        public Builder launcher(AgentLauncher launcher) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            return this;
        }

        /**
         * Registers agent adapters by {@link AgentAdapter#id()}; a later adapter with the same id replaces an earlier
         * one.
         *
         * @param adapters the adapters
         * @return this builder
         */
        public Builder adapters(Collection<? extends AgentAdapter> adapters) {
            for (AgentAdapter a : adapters) {
                addAdapter(a);
            }
            return this;
        }

        /**
         * Registers one agent adapter.
         *
         * @param adapter the adapter
         * @return this builder
         */
        public Builder addAdapter(AgentAdapter adapter) {
            Objects.requireNonNull(adapter, "adapter");
            this.adapters.put(adapter.id(), adapter);
            return this;
        }

        /**
         * Sets the scheduler; default {@link WorkSchedulers#criticalPath()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(WorkScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the agent selector; default {@link AgentSelectors#chains} over the options' chains.
         *
         * @param selector the selector
         * @return this builder
         */
        public Builder agentSelector(AgentSelector selector) {
            this.selector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /**
         * Sets the verdict parser; default {@link ReviewVerdictParsers#standard()}.
         *
         * @param parser the parser
         * @return this builder
         */
        public Builder verdictParser(ReviewVerdictParser parser) {
            this.verdictParser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * Sets the retry policy; default {@link RetryPolicies#standard} from the options.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the run-state store; default {@link RunStateStores#defaultFor} the project root.
         *
         * @param store the store
         * @return this builder
         */
        public Builder runStateStore(RunStateStore store) {
            this.stateStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the git operations; default {@link GitCommandLine#create(Duration)} with a 2-minute timeout.
         *
         * @param git the git operations
         * @return this builder
         */
        public Builder git(GitOperations git) {
            this.git = Objects.requireNonNull(git, "git");
            return this;
        }

        /**
         * Sets the prompt builder; default {@link PromptBuilders#standard()}.
         *
         * @param promptBuilder the prompt builder
         * @return this builder
         */
        public Builder promptBuilder(PromptBuilder promptBuilder) {
            this.promptBuilder = Objects.requireNonNull(promptBuilder, "promptBuilder");
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(OrchestrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the clock for timestamps and the reconcile interval; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the sleeper used for retry back-off; default {@link Sleeper#system()}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Validates and builds the engine.
         *
         * @return the engine
         * @throws EngineConfigurationException when a required part is missing or an agent of a chain has no adapter
         */
        public OrchestrationEngine build() {
            if (client == null) {
                throw new EngineConfigurationException("the engine needs an OrchestratorClient: call client(..)");
            }
            if (options == null) {
                throw new EngineConfigurationException("the engine needs EngineOptions: call options(..)");
            }
            if (!options.dryRun()) {
                if (launcher == null) {
                    throw new EngineConfigurationException("the engine needs an AgentLauncher: call launcher(..)");
                }
                if (adapters.isEmpty()) {
                    throw new EngineConfigurationException(
                            "the engine needs agent adapters: call adapters(AgentAdapters.builtIns()) or addAdapter(..)");
                }
                // Caught here, not at the first claim: otherwise a typo claims a WP on the host and then blocks it.
                for (String id : options.implementationAgents()) {
                    requireAdapter("implementationAgents", id);
                }
                for (String id : options.effectiveReviewAgents()) {
                    requireAdapter("reviewAgents", id);
                }
            }
            if (scheduler == null) {
                scheduler = WorkSchedulers.criticalPath();
            }
            if (selector == null) {
                selector = AgentSelectors.chains(options.implementationAgents(), options.effectiveReviewAgents(),
                        options.preferDistinctReviewer(), options.agentModels());
            }
            if (verdictParser == null) {
                verdictParser = ReviewVerdictParsers.standard();
            }
            if (retryPolicy == null) {
                retryPolicy = RetryPolicies.standard(
                        options.maxAttemptsPerAgent(), options.initialBackoff(), options.maxBackoff());
            }
            if (stateStore == null) {
                stateStore = RunStateStores.defaultFor(options.projectRoot());
            }
            if (git == null) {
                git = GitCommandLine.create(Duration.ofMinutes(2));
            }
            if (promptBuilder == null) {
                promptBuilder = PromptBuilders.standard();
            }
            return new OrchestrationEngine(this);
        }

        private void requireAdapter(String option, String id) {
            if (!adapters.containsKey(id)) {
                throw new EngineConfigurationException(option + " names the agent '" + id
                        + "', but no adapter has that id (registered: " + adapters.keySet()
                        + "); fix the id or register an adapter for it");
            }
        }
    }
}
