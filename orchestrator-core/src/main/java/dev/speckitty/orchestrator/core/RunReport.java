package dev.speckitty.orchestrator.core;

import dev.speckitty.orchestrator.core.agent.AgentProbe;
import dev.speckitty.orchestrator.core.spi.AgentUsage;
import dev.speckitty.orchestrator.core.state.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The result of {@link OrchestrationEngine#run(RunRequest)}: status, per-WP outcomes, stall, finish, host traffic. */
@Value.Immutable
public interface RunReport {
    /**
     * Returns the run id.
     *
     * @return the run id
     */
    String runId();

    /**
     * Returns the mission selector.
     *
     * @return the mission
     */
    String mission();

    /**
     * Returns the final status: {@code COMPLETED}, {@code FAILED} or {@code INTERRUPTED}.
     *
     * @return the status
     */
    RunStatus status();

    /**
     * Tells whether this was a dry run (no mutation, no agent).
     *
     * @return whether dry
     */
    @Value.Default
    default boolean dryRun() {
        return false;
    }

    /**
     * Returns when the run started.
     *
     * @return the start
     */
    Instant startedAt();

    /**
     * Returns when the run ended.
     *
     * @return the end
     */
    Instant endedAt();

    /**
     * Returns the per-WP outcomes, in mission order.
     *
     * @return the WP reports
     */
    List<WorkPackageReport> workPackages();

    /**
     * Returns the stuck WPs when the run stalled (empty otherwise).
     *
     * @return the stuck WPs
     */
    List<StuckWorkPackage> stuck();

    /**
     * Returns the finish phase outcome, when accept or merge was asked for and reached.
     *
     * @return the finish report, if any
     */
    Optional<FinishReport> finish();

    /**
     * Returns every host call of the run by command (e.g. {@code transition → 8}).
     *
     * @return command → count
     */
    Map<String, Integer> hostCalls();

    /**
     * Returns the summed usage of every agent run.
     *
     * @return the usage
     */
    AgentUsage usage();

    /**
     * Returns a one-line summary of why the run failed or was interrupted.
     *
     * @return the reason, if not completed
     */
    Optional<String> failureReason();

    /**
     * Returns, for a dry run, the availability check of each agent in the implementation and review chains (in chain
     * order, each agent once): installed or not, its path and version, or the problem found. Empty for a real run.
     *
     * @return the probes, never null
     */
    List<AgentProbe> agentProbes();

    /**
     * Returns the total of {@link #hostCalls()}.
     *
     * @return the number of host calls
     */
    default int totalHostCalls() {
        return hostCalls().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Returns the run's wall time.
     *
     * @return the duration
     */
    default Duration duration() {
        return Duration.between(startedAt(), endedAt());
    }

    /**
     * Returns the report of one WP.
     *
     * @param wpId the WP id
     * @return the report, if the WP is part of the run
     */
    default Optional<WorkPackageReport> workPackage(String wpId) {
        return workPackages().stream().filter(w -> w.wpId().equals(wpId)).findFirst();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RunReport}. */
    final class Builder extends ImmutableRunReport.Builder {}
}
