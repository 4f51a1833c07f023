package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.client.model.MergeStrategy;
import dev.speckitty.orchestrator.client.policy.PolicyMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything that tunes one engine: concurrency, agent chains and per-agent settings, timeouts, review and retry
 * limits, host traffic, the approval target, the finish phase (accept/merge), identity and policy.
 *
 * <p>Immutable and thread-safe. {@link #builder()}{@code .build()} validates every value and throws
 * {@link EngineConfigurationException} naming the offending option and how to fix it.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *         .projectRoot(Path.of("."))
 *         .maxConcurrent(3)
 *         .addImplementationAgents("claude-code", "codex")
 *         .addReviewAgents("codex", "claude-code")
 *         .build();
 * }</pre>
 */
@Value.Immutable
public interface EngineOptions {
    /** The actor the reference provider used; the default for {@link #actor()}. */
    String DEFAULT_ACTOR = "spec-kitty-orchestrator";

    /**
     * Returns the project root (the primary checkout holding {@code .kittify/} and {@code kitty-specs/}).
     *
     * @return the project root
     */
    Path projectRoot();

    /**
     * Returns the maximum number of agent runs in flight for the whole run; must be at least 1.
     *
     * @return the run-wide concurrency limit (default 4)
     */
    @Value.Default
    default int maxConcurrent() {
        return 4;
    }

    /**
     * Returns per-agent limits of runs in flight (agent id → limit, each at least 1); agents not listed are only
     * bound by {@link #maxConcurrent()}.
     *
     * @return the per-agent limits
     */
    Map<String, Integer> agentConcurrency();

    /**
     * Returns the implementation agent chain, in fallback order; must not be empty.
     *
     * @return agent ids (default {@code [claude-code]})
     */
    @Value.Default
    default List<String> implementationAgents() {
        return List.of("claude-code");
    }

    /**
     * Returns the review agent chain, in fallback order; empty means "the implementation chain".
     *
     * @return agent ids
     */
    List<String> reviewAgents();

    /**
     * Tells whether the selector should prefer a reviewer different from the WP's implementer.
     *
     * @return whether to prefer an independent reviewer (default true)
     */
    @Value.Default
    default boolean preferDistinctReviewer() {
        return true;
    }

    /**
     * Returns the model to pass per agent id (overridden by a WP's front-matter {@code model} hint).
     *
     * @return agent id → model
     */
    Map<String, String> agentModels();

    /**
     * Returns extra arguments appended to an agent's command line, per agent id.
     *
     * @return agent id → extra arguments
     */
    Map<String, List<String>> agentExtraArgs();

    /**
     * Returns the idle-output timeout per agent id: a run of that agent (either role) that prints nothing on stdout or
     * stderr for this long is killed and counts as a {@code TIMEOUT} failure whose summary says it was idle. Agents not
     * listed use the launcher's default (off for {@code ProcessAgentLauncher} unless its builder sets one). An adapter
     * that sets {@code AgentCommand.idleTimeout()} itself (e.g. per role) wins over this map.
     *
     * @return agent id → idle timeout (each positive)
     */
    Map<String, Duration> agentIdleTimeouts();

    /**
     * Returns extra environment variables given to every agent process (never persisted in the run state).
     *
     * @return the environment
     */
    Map<String, String> agentEnvironment();

    /**
     * Returns the wall-clock limit of one implementation (or rework) run.
     *
     * @return the timeout (default 45 minutes)
     */
    @Value.Default
    default Duration implementationTimeout() {
        return Duration.ofMinutes(45);
    }

    /**
     * Returns the wall-clock limit of one review run.
     *
     * @return the timeout (default 20 minutes)
     */
    @Value.Default
    default Duration reviewTimeout() {
        return Duration.ofMinutes(20);
    }

    /**
     * Returns how many review cycles a WP gets; after that many {@code changes_requested} verdicts it is blocked.
     *
     * @return the limit, at least 1 (default 3)
     */
    @Value.Default
    default int maxReviewCycles() {
        return 3;
    }

    /**
     * Returns how many runs one agent gets for one role of one WP before the engine falls back to the next agent.
     *
     * @return attempts per agent, at least 1 (default 2)
     */
    @Value.Default
    default int maxAttemptsPerAgent() {
        return 2;
    }

    /**
     * Returns the first retry delay; later delays double up to {@link #maxBackoff()}.
     *
     * @return the initial back-off (default 5 s)
     */
    @Value.Default
    default Duration initialBackoff() {
        return Duration.ofSeconds(5);
    }

    /**
     * Returns the longest retry delay.
     *
     * @return the maximum back-off (default 2 minutes)
     */
    @Value.Default
    default Duration maxBackoff() {
        return Duration.ofMinutes(2);
    }

    /**
     * Returns how often the engine re-reads {@code mission-state} while work is in flight, to notice changes made by
     * others. The engine never polls for its own progress.
     *
     * @return the reconcile interval (default 60 s)
     */
    @Value.Default
    default Duration reconcileInterval() {
        return Duration.ofSeconds(60);
    }

    /**
     * Returns how many host calls may run at once (different WPs of one mission only; the first claim of a mission
     * always runs alone).
     *
     * @return the host-call concurrency, at least 1 (default 2: more gives nothing on a real host)
     */
    @Value.Default
    default int hostConcurrency() {
        return 2;
    }

    /**
     * Returns where an approved review sends the WP.
     *
     * @return the target (default {@link ApproveTarget#DONE})
     */
    @Value.Default
    default ApproveTarget approveTarget() {
        return ApproveTarget.DONE;
    }

    /**
     * Returns what happens when every reviewer failed to produce a verdict.
     *
     * @return the action (default {@link ReviewerFailureAction#BLOCK})
     */
    @Value.Default
    default ReviewerFailureAction reviewerFailureAction() {
        return ReviewerFailureAction.BLOCK;
    }

    /**
     * Tells whether to call {@code accept-mission} once every WP is approved or done.
     *
     * @return whether to accept (default false)
     */
    @Value.Default
    default boolean accept() {
        return false;
    }

    /**
     * Tells whether to call {@code merge-mission} at the end (after acceptance when {@link #accept()} is set).
     *
     * @return whether to merge (default false)
     */
    @Value.Default
    default boolean merge() {
        return false;
    }

    /**
     * Returns the merge target branch; empty lets the host resolve it.
     *
     * @return the target, if set
     */
    Optional<String> mergeTarget();

    /**
     * Returns the merge strategy; empty uses the host's default ({@code merge}).
     *
     * @return the strategy, if set
     */
    Optional<MergeStrategy> mergeStrategy();

    /**
     * Tells whether {@code merge-mission} pushes the target branch.
     *
     * @return whether to push (default false)
     */
    @Value.Default
    default boolean mergePush() {
        return false;
    }

    /**
     * Returns the actor recorded on every host mutation.
     *
     * @return the actor (default {@value #DEFAULT_ACTOR})
     */
    @Value.Default
    default String actor() {
        return DEFAULT_ACTOR;
    }

    /**
     * Returns the policy sent with policy-gated host calls; the engine sets {@code agent_family} to the agent that
     * actually runs.
     *
     * @return the policy defaults
     */
    @Value.Default
    default PolicyMetadata policy() {
        return PolicyMetadata.builder()
                .orchestratorId(DEFAULT_ACTOR)
                .orchestratorVersion("0.1.0")
                .agentFamily("unknown")
                .approvalMode("full_auto")
                .sandboxMode("workspace_write")
                .networkMode("none")
                .build();
    }

    /**
     * Tells whether this is a dry run: read the mission and report the plan (ready set, agent choices) without any
     * mutation or agent run.
     *
     * @return whether to dry-run (default false)
     */
    @Value.Default
    default boolean dryRun() {
        return false;
    }

    /**
     * Returns the {@code spec-kitty} executable in use; its directory is put first on the agents' {@code PATH} so
     * that agents reach the same host.
     *
     * @return the host executable, if known
     */
    Optional<Path> hostExecutable();

    /**
     * Returns where agent logs go; default {@code <projectRoot>/.kittify/orchestrator-logs/<run id>}.
     *
     * @return the log directory, if overridden
     */
    Optional<Path> logDirectory();

    /** Validates the options; see {@link EngineConfigurationException}. */
    @Value.Check
    default void check() {
        if (maxConcurrent() < 1) {
            throw new EngineConfigurationException("maxConcurrent must be at least 1 (was " + maxConcurrent()
                    + "); 0 would never start any work. Set it to the number of agents that may run at once.");
        }
        agentConcurrency().forEach((agent, limit) -> {
            if (limit == null || limit < 1) {
                throw new EngineConfigurationException("agentConcurrency for '" + agent + "' must be at least 1 (was "
                        + limit + "); remove the agent from the chain instead of setting 0.");
            }
        });
        agentIdleTimeouts().forEach((agent, idle) -> {
            if (idle == null || idle.isZero() || idle.isNegative()) {
                throw new EngineConfigurationException("agentIdleTimeouts for '" + agent + "' must be positive (was "
                        + idle + "); leave the agent out to use the launcher's default.");
            }
        });
        if (implementationAgents().isEmpty()) {
            throw new EngineConfigurationException("implementationAgents must name at least one agent id");
        }
        for (String id : implementationAgents()) {
            requireAgentId("implementationAgents", id);
        }
        for (String id : reviewAgents()) {
            requireAgentId("reviewAgents", id);
        }
        requirePositive("implementationTimeout", implementationTimeout());
        requirePositive("reviewTimeout", reviewTimeout());
        requirePositive("reconcileInterval", reconcileInterval());
        if (initialBackoff().isNegative() || maxBackoff().isNegative()) {
            throw new EngineConfigurationException("initialBackoff and maxBackoff must not be negative");
        }
        if (maxReviewCycles() < 1) {
            throw new EngineConfigurationException("maxReviewCycles must be at least 1 (was " + maxReviewCycles() + ")");
        }
        if (maxAttemptsPerAgent() < 1) {
            throw new EngineConfigurationException(
                    "maxAttemptsPerAgent must be at least 1 (was " + maxAttemptsPerAgent() + ")");
        }
        if (hostConcurrency() < 1) {
            throw new EngineConfigurationException("hostConcurrency must be at least 1 (was " + hostConcurrency() + ")");
        }
        if (actor().isBlank()) {
            throw new EngineConfigurationException("actor must not be blank: the host records it on every mutation");
        }
        mergeTarget().ifPresent(t -> {
            if (t.isBlank()) {
                throw new EngineConfigurationException("mergeTarget must not be blank; leave it unset for the default");
            }
        });
    }

    /**
     * Returns the effective review chain: {@link #reviewAgents()}, or the implementation chain when that is empty.
     *
     * @return agent ids, never empty
     */
    default List<String> effectiveReviewAgents() {
        return reviewAgents().isEmpty() ? implementationAgents() : reviewAgents();
    }

    private static void requireAgentId(String option, String id) {
        if (id == null || id.isBlank()) {
            throw new EngineConfigurationException(option + " contains a blank agent id");
        }
    }

    private static void requirePositive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new EngineConfigurationException(option + " must be positive (was " + d + ")");
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EngineOptions}. */
    final class Builder extends ImmutableEngineOptions.Builder {}
}
